// SPDX-License-Identifier: GPL-3.0-or-later
#include "presetsmenu.h"

#include "requestpresets.h"

#include <QMessageBox>

using namespace Qt::Literals::StringLiterals;

namespace {

constexpr qsizetype LabelUrlLength = 80;

} // namespace

PresetsMenu::PresetsMenu(QWidget *parent)
    : QMenu(parent)
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
    const QList<StreamRequest> recent = RequestStore::recent();
    for (const StreamRequest &request : recent) {
        QAction *action
            = recentMenu->addAction(label(request), this, [this, request]() { Q_EMIT recentChosen(request); });
        action->setToolTip(request.url.toString());
    }
    recentMenu->setEnabled(!recent.isEmpty());
    if (!recent.isEmpty()) {
        recentMenu->addSeparator();
        recentMenu->addAction(tr("Clear recent requests"), this, [this]() {
            RequestStore::clearRecent();
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
                RequestStore::removeUserPreset(name);
        });
    }
    deleteMenu->setEnabled(!saved.isEmpty());
}
