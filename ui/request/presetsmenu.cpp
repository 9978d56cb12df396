// SPDX-License-Identifier: GPL-3.0-or-later
#include "presetsmenu.h"

#include "requestpresets.h"
#include "secretstore.h"

#include <QInputDialog>
#include <QMessageBox>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace {

constexpr qsizetype LabelUrlLength = 80;

} // namespace

PresetsMenu::PresetsMenu(QWidget *parent)
    : QMenu(parent)
    , m_store(SecretStore::system())
{
    setToolTipsVisible(true);
    // Rebuilt each time: another tab may have saved a preset or sent a request since.
    connect(this, &QMenu::aboutToShow, this, &PresetsMenu::rebuild);
}

QString PresetsMenu::label(const StreamRequest &request)
{
    QString url = request.url.toString();
    if (url.size() > LabelUrlLength)
        url = url.left(LabelUrlLength - 1) + u'…';
    return QString::fromUtf8(request.method) + u' ' + url;
}

QString PresetsMenu::askName(const QString &suggestion)
{
    QWidget *parent = parentWidget();
    const QString name
        = QInputDialog::getText(parent, tr("Save as preset"), tr("Name of the preset:"), QLineEdit::Normal, suggestion)
              .trimmed();
    if (name.isEmpty())
        return {};
    const QList<RequestPresets::Preset> builtIn = RequestPresets::builtIn(m_producer);
    if (std::any_of(builtIn.begin(), builtIn.end(), [&name](const auto &preset) { return preset.name == name; })) {
        QMessageBox::warning(parent, tr("Save as preset"),
                             tr("“%1” is the name of a built-in preset: choose another name.").arg(name));
        return {};
    }
    const QList<SavedRequest> saved = RequestStore::userPresets();
    if (std::any_of(saved.begin(), saved.end(), [&name](const SavedRequest &preset) { return preset.name == name; })
        && QMessageBox::question(parent, tr("Save as preset"), tr("Replace the preset “%1”?").arg(name))
            != QMessageBox::Yes)
        return {};
    return name;
}

void PresetsMenu::rebuild()
{
    clear();
    addSection(tr("Built in"));
    const QList<RequestPresets::Preset> builtIn = RequestPresets::builtIn(m_producer);
    for (const RequestPresets::Preset &preset : builtIn) {
        QAction *action = addAction(preset.name, this, [this, id = preset.id]() { Q_EMIT presetChosen(id); });
        action->setEnabled(!preset.request.url.isEmpty());
        action->setToolTip(action->isEnabled() ? preset.description : tr("The embedded producer is not running"));
    }
    const QList<SavedRequest> saved = RequestStore::userPresets();
    addSection(tr("Saved"));
    for (const SavedRequest &preset : saved) {
        QAction *action = addAction(preset.name, this, [this, name = preset.name]() { Q_EMIT presetChosen(name); });
        action->setToolTip(label(preset.request));
    }
    if (saved.isEmpty())
        addAction(tr("No saved presets yet"))->setEnabled(false);

    addSeparator();
    QMenu *recentMenu = addMenu(tr("Recent"));
    recentMenu->setObjectName(u"recentMenu"_s);
    recentMenu->setToolTipsVisible(true);
    const QList<SavedRequest> recent = RequestStore::recent();
    for (const SavedRequest &saved : recent) {
        QAction *action
            = recentMenu->addAction(label(saved.request), this, [this, saved]() { Q_EMIT recentChosen(saved); });
        action->setToolTip(saved.request.url.toString());
    }
    recentMenu->setEnabled(!recent.isEmpty());
    if (!recent.isEmpty()) {
        recentMenu->addSeparator();
        recentMenu->addAction(tr("Clear recent requests"), this, [this]() {
            RequestStore::clearRecent(*m_store);
            Q_EMIT recentCleared();
        });
    }

    addSeparator();
    addAction(tr("Save as preset…"), this, &PresetsMenu::saveAsRequested)
        ->setToolTip(tr("Keep this request, policies included, under a name of your choice"));
    QMenu *deleteMenu = addMenu(tr("Delete preset"));
    deleteMenu->setObjectName(u"deleteMenu"_s);
    for (const SavedRequest &preset : saved) {
        deleteMenu->addAction(preset.name, this, [this, name = preset.name]() {
            if (QMessageBox::question(parentWidget(), tr("Delete preset"), tr("Delete the preset “%1”?").arg(name))
                == QMessageBox::Yes)
                RequestStore::removeUserPreset(name, *m_store);
        });
    }
    deleteMenu->setEnabled(!saved.isEmpty());
}
