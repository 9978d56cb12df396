// SPDX-License-Identifier: GPL-3.0-or-later
#include "filterbar.h"

#include "diagnostictext.h"
#include "models/eventfilterproxymodel.h"
#include "models/eventlistmodel.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QMouseEvent>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace {

QToolButton *toggle(const QString &text, const QString &toolTip, bool checked, QWidget *parent)
{
    auto button = new QToolButton(parent);
    button->setText(text);
    button->setToolTip(toolTip);
    button->setCheckable(true);
    button->setChecked(checked);
    button->setAutoRaise(true);
    return button;
}

// Room between groups of controls; lines drawn from the palette look harsh in some dark themes.
constexpr int GroupSpacing = 12;

} // namespace

FilterBar::FilterBar(EventFilterProxyModel *proxy, EventListModel *source, QWidget *parent)
    : QWidget(parent)
    , m_proxy(proxy)
    , m_source(source)
    , m_search(new QLineEdit(this))
    , m_regex(toggle(tr("Regex"), tr("Read the search text as a regular expression (Perl syntax)"), false, this))
    , m_caseSensitive(toggle(tr("Aa"), tr("Match upper and lower case exactly"), false, this))
    , m_typesButton(new QToolButton(this))
    , m_typesMenu(new QMenu(this))
    , m_comments(toggle(tr("Comments"), tr("Show comment lines (heartbeats such as \": ping\")"),
                        proxy->isKindVisible(StreamLog::Kind::Comment), this))
    , m_states(toggle(tr("States"), tr("Show connection state changes: connecting, open, reconnecting, failed"),
                      proxy->isKindVisible(StreamLog::Kind::State), this))
    , m_chunks(toggle(tr("Chunks"), tr("Show the raw network reads the events were parsed from"),
                      proxy->isKindVisible(StreamLog::Kind::Chunk), this))
    , m_diagnostics(toggle(DiagnosticText::rowsName(), DiagnosticText::toggleToolTip(),
                           proxy->isKindVisible(StreamLog::Kind::Diagnostic), this))
    , m_pointer(new QLineEdit(this))
    , m_value(new QLineEdit(this))
    , m_errorIcon(new QLabel(this))
    , m_error(new QLabel(this))
    , m_count(new QLabel(this))
{
    m_search->setPlaceholderText(tr("Filter data…"));
    m_search->setClearButtonEnabled(true);
    m_search->setToolTip(tr("Show only rows whose data, type or id contains this text"));
    m_typesButton->setText(tr("Types"));
    m_typesButton->setToolTip(tr("Choose which event types are shown; types that arrive later are shown"));
    m_typesButton->setMenu(m_typesMenu);
    m_typesButton->setPopupMode(QToolButton::InstantPopup);
    m_typesButton->setAutoRaise(true);
    m_typesMenu->setToolTipsVisible(true);
    m_typesMenu->installEventFilter(this);
    m_pointer->setPlaceholderText(tr("/choices/0/delta/content"));
    m_pointer->setClearButtonEnabled(true);
    m_pointer->setToolTip(tr("A JSON pointer (RFC 6901): show only events whose JSON data has this field"));
    m_value->setPlaceholderText(tr("any value"));
    m_value->setClearButtonEnabled(true);
    m_value->setToolTip(tr("The value the field must have (text, number, true, false or null); empty: any value"));
    auto equals = new QLabel(u"="_s, this);
    equals->setToolTip(m_value->toolTip());
    m_errorIcon->setToolTip(tr("This filter matches nothing until it is fixed"));
    m_error->setToolTip(m_errorIcon->toolTip());
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->setWordWrap(true);
    m_count->setToolTip(tr("Rows that pass the filters, of the rows kept for this stream"));
    m_count->setTextFormat(Qt::PlainText);

    auto row = new QHBoxLayout;
    row->setContentsMargins(0, 0, 0, 0);
    row->setSpacing(4);
    row->addWidget(m_search, 3);
    row->addWidget(m_regex);
    row->addWidget(m_caseSensitive);
    row->addWidget(m_typesButton);
    row->addSpacing(GroupSpacing);
    row->addWidget(m_comments);
    row->addWidget(m_states);
    row->addWidget(m_chunks);
    row->addWidget(m_diagnostics);
    row->addSpacing(GroupSpacing);
    row->addWidget(m_pointer, 2);
    row->addWidget(equals);
    row->addWidget(m_value, 1);
    row->addSpacing(GroupSpacing);
    row->addWidget(m_count);
    auto errorRow = new QHBoxLayout;
    errorRow->setContentsMargins(0, 0, 0, 0);
    errorRow->addWidget(m_errorIcon);
    errorRow->addWidget(m_error, 1);
    auto layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addLayout(row);
    layout->addLayout(errorRow);
    colorError();
    showError();

    m_debounce.setSingleShot(true);
    m_debounce.setInterval(DebounceMs);
    connect(&m_debounce, &QTimer::timeout, this, &FilterBar::applyNow);
    for (QLineEdit *edit : {m_search, m_pointer, m_value}) {
        connect(edit, &QLineEdit::textChanged, this, [this]() { m_debounce.start(); });
        connect(edit, &QLineEdit::returnPressed, this, &FilterBar::applyNow);
    }
    connect(m_regex, &QToolButton::toggled, this, &FilterBar::applyNow);
    connect(m_caseSensitive, &QToolButton::toggled, this, &FilterBar::applyNow);
    const auto kindSwitch = [this](QToolButton *button, StreamLog::Kind kind) {
        connect(button, &QToolButton::toggled, this, [this, kind](bool on) { m_proxy->setKindVisible(kind, on); });
    };
    kindSwitch(m_comments, StreamLog::Kind::Comment);
    kindSwitch(m_states, StreamLog::Kind::State);
    kindSwitch(m_chunks, StreamLog::Kind::Chunk);
    kindSwitch(m_diagnostics, StreamLog::Kind::Diagnostic);
    connect(m_typesMenu, &QMenu::aboutToShow, this, &FilterBar::fillTypesMenu);

    // Rows arrive many times a second: the count is written once per turn of the event loop.
    m_countTimer.setSingleShot(true);
    m_countTimer.setInterval(0);
    connect(&m_countTimer, &QTimer::timeout, this, &FilterBar::showCount);
    const auto countLater = [this]() {
        m_countTimer.start();
    };
    for (QAbstractItemModel *model :
         {static_cast<QAbstractItemModel *>(proxy), static_cast<QAbstractItemModel *>(source)}) {
        connect(model, &QAbstractItemModel::rowsInserted, this, countLater);
        connect(model, &QAbstractItemModel::rowsRemoved, this, countLater);
        connect(model, &QAbstractItemModel::modelReset, this, countLater);
        connect(model, &QAbstractItemModel::layoutChanged, this, countLater);
    }
    connect(proxy, &EventFilterProxyModel::filterChanged, this, [this]() {
        showError();
        showCount();
    });
    connect(source, &QAbstractItemModel::rowsInserted, this,
            [this](const QModelIndex &, int first, int last) { collectTypes(first, last); });
    if (source->rowCount() > 0)
        collectTypes(0, source->rowCount() - 1);
    showCount();
}

FilterBar::~FilterBar() = default;

QToolButton *FilterBar::kindToggle(StreamLog::Kind kind) const
{
    switch (kind) {
    case StreamLog::Kind::Comment:
        return m_comments;
    case StreamLog::Kind::State:
        return m_states;
    case StreamLog::Kind::Chunk:
        return m_chunks;
    case StreamLog::Kind::Diagnostic:
        return m_diagnostics;
    case StreamLog::Kind::Event:
        break;
    }
    return nullptr;
}

void FilterBar::focusSearch()
{
    m_search->setFocus(Qt::ShortcutFocusReason);
    m_search->selectAll();
}

void FilterBar::setJsonFilter(const QString &pointer, const QString &value)
{
    m_pointer->setText(pointer);
    m_value->setText(value);
    applyNow();
}

void FilterBar::applyNow()
{
    m_debounce.stop();
    m_proxy->setTextFilter(m_search->text(), m_regex->isChecked(), m_caseSensitive->isChecked());
    m_proxy->setJsonFilter(m_pointer->text().trimmed(), m_value->text());
    showError();
}

void FilterBar::collectTypes(int first, int last)
{
    if (m_types.size() >= MaxTypes)
        return;
    const StreamLog &log = m_source->log();
    QByteArrayView previous;
    for (int row = first; row <= last && row < log.size(); ++row) {
        const StreamLog::Entry entry = log.at(row);
        // A stream repeats one type over and over: that one needs no lookup.
        if (entry.kind != StreamLog::Kind::Event || entry.type == previous)
            continue;
        previous = entry.type;
        const QByteArray type = QByteArray::fromRawData(entry.type.data(), entry.type.size());
        if (m_typeSet.contains(type))
            continue;
        // The log's bytes go when rows are evicted: keep a copy.
        const QByteArray copy = entry.type.toByteArray();
        m_typeSet.insert(copy);
        m_types.append(copy);
        if (m_types.size() >= MaxTypes)
            return;
    }
}

void FilterBar::fillTypesMenu()
{
    m_typesMenu->clear();
    if (m_types.isEmpty()) {
        m_typesMenu->addAction(tr("No events yet"))->setEnabled(false);
        return;
    }
    connect(m_typesMenu->addAction(tr("Show all types")), &QAction::triggered, this, [this]() {
        m_hiddenTypes.clear();
        m_proxy->setHiddenTypes(m_hiddenTypes);
        updateTypesButton();
    });
    connect(m_typesMenu->addAction(tr("Hide all types")), &QAction::triggered, this, [this]() {
        m_hiddenTypes = m_typeSet;
        m_proxy->setHiddenTypes(m_hiddenTypes);
        updateTypesButton();
    });
    m_typesMenu->addSeparator();
    QList<QByteArray> sorted = m_types;
    std::sort(sorted.begin(), sorted.end());
    for (const QByteArray &type : std::as_const(sorted)) {
        // An empty type cannot arrive (it becomes "message"), but a long one would make the menu too wide.
        QString label = QString::fromUtf8(type);
        if (label.size() > 60)
            label = label.left(60) + u'…';
        QAction *action = m_typesMenu->addAction(label);
        action->setCheckable(true);
        action->setChecked(!m_hiddenTypes.contains(type));
        action->setToolTip(tr("Show events of type \"%1\"").arg(QString::fromUtf8(type)));
        connect(action, &QAction::toggled, this, [this, type](bool on) { setTypeVisible(type, on); });
    }
    if (m_types.size() >= MaxTypes) {
        m_typesMenu->addSeparator();
        m_typesMenu->addAction(tr("Only the first %1 types are listed").arg(MaxTypes))->setEnabled(false);
    }
}

void FilterBar::setTypeVisible(const QByteArray &type, bool visible)
{
    if (visible)
        m_hiddenTypes.remove(type);
    else
        m_hiddenTypes.insert(type);
    m_proxy->setHiddenTypes(m_hiddenTypes);
    updateTypesButton();
}

void FilterBar::updateTypesButton()
{
    m_typesButton->setText(m_hiddenTypes.isEmpty() ? tr("Types") : tr("Types (%1 hidden)").arg(m_hiddenTypes.size()));
}

bool FilterBar::eventFilter(QObject *watched, QEvent *event)
{
    // Ticking a type keeps the menu open, so several can be ticked in a row.
    if (watched == m_typesMenu && event->type() == QEvent::MouseButtonRelease) {
        QAction *action = m_typesMenu->actionAt(static_cast<QMouseEvent *>(event)->position().toPoint());
        if (action && action->isCheckable() && action->isEnabled()) {
            action->trigger();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void FilterBar::showError()
{
    const QString error = m_proxy->filterError();
    m_error->setText(error);
    m_error->setVisible(!error.isEmpty());
    m_errorIcon->setVisible(!error.isEmpty());
}

void FilterBar::showCount()
{
    const QLocale locale;
    m_count->setText(
        tr("Showing %1 of %2").arg(locale.toString(m_proxy->rowCount()), locale.toString(m_source->rowCount())));
}

void FilterBar::colorError()
{
    // No palette role means "error": pick a red that keeps its contrast on the window colour in use.
    const bool dark = palette().color(QPalette::Window).lightnessF() < 0.5;
    QPalette colors = m_error->palette();
    colors.setColor(QPalette::WindowText, dark ? QColor(0xff, 0x8a, 0x80) : QColor(0xb0, 0x1c, 0x1c));
    m_error->setPalette(colors);
    const int size = style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, this);
    m_errorIcon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxWarning, nullptr, this).pixmap(size, size));
}

void FilterBar::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::StyleChange)
        colorError();
    QWidget::changeEvent(event);
}
