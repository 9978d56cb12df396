// SPDX-License-Identifier: GPL-3.0-or-later
#include "filterbar.h"

#include "diagnostictext.h"
#include "jsonfilterhint.h"
#include "models/eventfilterproxymodel.h"
#include "models/eventlistmodel.h"

#include <QComboBox>
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
    , m_jsonMode(new QComboBox(this))
    , m_value(new QLineEdit(this))
    , m_jsonCase(toggle(tr("Aa"), tr("Compare the JSON value's upper and lower case exactly"), false, this))
    , m_errorIcon(new QLabel(this))
    , m_error(new QLabel(this))
    , m_hint(new QLabel(this))
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
    m_jsonMode->addItem(tr("contains"), int(JsonFieldMatcher::Mode::Contains));
    m_jsonMode->addItem(tr("equals"), int(JsonFieldMatcher::Mode::Equals));
    m_jsonMode->addItem(tr("matches regex"), int(JsonFieldMatcher::Mode::Regex));
    m_jsonMode->addItem(tr("exists"), int(JsonFieldMatcher::Mode::Exists));
    m_jsonMode->setToolTip(tr("How the field's value is compared: contains the text, equals it (numbers as numbers), "
                              "matches a regular expression, or any value"));
    m_hint->setTextFormat(Qt::PlainText);
    m_hint->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_hint->setWordWrap(true);
    m_hint->setToolTip(tr("Why the JSON filter matches nothing"));
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
    row->addWidget(m_count);
    // The JSON field filter on a line of its own, so that the bar fits a narrow window.
    auto jsonRow = new QHBoxLayout;
    jsonRow->setContentsMargins(0, 0, 0, 0);
    jsonRow->setSpacing(4);
    jsonRow->addWidget(m_pointer, 2);
    jsonRow->addWidget(m_jsonMode);
    jsonRow->addWidget(m_value, 1);
    jsonRow->addWidget(m_jsonCase);
    auto errorRow = new QHBoxLayout;
    errorRow->setContentsMargins(0, 0, 0, 0);
    errorRow->addWidget(m_errorIcon);
    errorRow->addWidget(m_error, 1);
    errorRow->addWidget(m_hint, 1);
    auto layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addLayout(row);
    layout->addLayout(jsonRow);
    layout->addLayout(errorRow);
    colorError();
    updateJsonControls();
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
    connect(m_jsonCase, &QToolButton::toggled, this, &FilterBar::applyNow);
    connect(m_jsonMode, &QComboBox::currentIndexChanged, this, [this]() {
        updateJsonControls();
        applyNow();
    });
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
    m_hintTimer.setSingleShot(true);
    m_hintTimer.setInterval(HintMs);
    connect(&m_hintTimer, &QTimer::timeout, this, [this]() { showHint(true); });
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
    connect(proxy, &EventFilterProxyModel::filterProgress, this, [this](qint64 done, qint64 total) {
        m_countTimer.stop();
        m_count->setText(tr("Filtering: %1%").arg(total > 0 ? done * 100 / total : 0));
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

void FilterBar::setJsonFilter(const QString &pointer, const QString &value, JsonFieldMatcher::Mode mode)
{
    m_pointer->setText(pointer);
    m_value->setText(value);
    const QSignalBlocker blocker(m_jsonMode);
    m_jsonMode->setCurrentIndex(m_jsonMode->findData(int(mode)));
    updateJsonControls();
    applyNow();
}

void FilterBar::applyNow()
{
    m_debounce.stop();
    m_proxy->setTextFilter(m_search->text(), m_regex->isChecked(), m_caseSensitive->isChecked());
    const auto mode = JsonFieldMatcher::Mode(m_jsonMode->currentData().toInt());
    m_proxy->setJsonFilter(m_pointer->text().trimmed(),
                           mode == JsonFieldMatcher::Mode::Exists ? QString() : m_value->text(), mode,
                           m_jsonCase->isChecked());
    showError();
}

void FilterBar::updateJsonControls()
{
    // Any value will do: there is nothing to type or to compare.
    const bool exists = JsonFieldMatcher::Mode(m_jsonMode->currentData().toInt()) == JsonFieldMatcher::Mode::Exists;
    m_value->setEnabled(!exists);
    m_jsonCase->setEnabled(!exists);
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
    m_hintRows = -1;
    showHint(true);
}

void FilterBar::showHint(bool now)
{
    // Looked for only when the JSON filter shows nothing: at once when the filter changes, and while rows
    // stream in at most every HintMs, since it looks at every row.
    QString hint;
    if (m_proxy->rowCount() == 0 && !m_proxy->jsonPointer().isEmpty() && m_proxy->filterError().isEmpty()) {
        if (m_hintRows == m_source->rowCount())
            return;
        if (!now) {
            if (!m_hintTimer.isActive())
                m_hintTimer.start();
            return;
        }
        m_hintRows = m_source->rowCount();
        hint = JsonFilterHint::text(m_proxy->jsonPointer(), m_proxy->jsonMatcher(), m_proxy->jsonSummary());
    } else {
        m_hintRows = -1;
    }
    m_hintTimer.stop();
    m_hint->setText(hint);
    m_hint->setVisible(!hint.isEmpty());
}

void FilterBar::showCount()
{
    if (m_proxy->isApplyingFilter())
        return; // the progress stands until the rows are filtered
    showHint(false);
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
