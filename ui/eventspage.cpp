// SPDX-License-Identifier: GPL-3.0-or-later
#include "eventspage.h"

#include "elidedlabel.h"
#include "inspect/detailpane.h"
#include "inspect/eventcolumns.h"
#include "inspect/filterbar.h"
#include "models/eventfilterproxymodel.h"
#include "models/eventlistmodel.h"
#include "themeicons.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QScrollBar>
#include <QSpinBox>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::Literals::StringLiterals;

namespace {

constexpr int DefaultRetention = 200000;

} // namespace

EventsPage::EventsPage(QWidget *parent)
    : QWidget(parent)
    , m_model(new EventListModel(this))
    , m_proxy(new EventFilterProxyModel(this))
    , m_filterBar(nullptr)
    , m_table(new QTableView(this))
    , m_columns(new EventColumns(m_table, m_model, this))
    , m_detail(new DetailPane(this))
    , m_splitter(new QSplitter(Qt::Horizontal, this))
    , m_follow(new QToolButton(this))
    , m_pause(new QToolButton(this))
    , m_clear(new QToolButton(this))
    , m_retention(new QSpinBox(this))
    , m_rows(new ElidedLabel(this))
    , m_waiting(new QTimer(this))
{
    m_proxy->setSourceModel(m_model);
    m_filterBar = new FilterBar(m_proxy, m_model, this);
    m_model->setCapacity(DefaultRetention);

    m_table->setModel(m_proxy);
    m_table->setWordWrap(false);
    m_table->setAlternatingRowColors(true);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(EventListModel::NumberColumn, Qt::AscendingOrder);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setSectionsMovable(true);
    m_table->horizontalHeader()->setSortIndicatorShown(true);
    m_table->horizontalHeader()->setToolTip(
        tr("Click to sort; drag to reorder; right-click to show or hide columns, or to add a JSON column"));
    const QFontMetrics metrics = m_table->fontMetrics();
    m_table->setColumnWidth(EventListModel::NumberColumn, metrics.horizontalAdvance(u"0000000"_s));
    m_table->setColumnWidth(EventListModel::TimeColumn, metrics.horizontalAdvance(u"00:00:00.000__"_s));
    m_table->setColumnWidth(EventListModel::DeltaColumn, metrics.horizontalAdvance(u"+00000.000 ms__"_s));
    m_table->setColumnWidth(EventListModel::TypeColumn, metrics.horizontalAdvance(u"[waiting-to-reconnect]"_s));
    m_table->setColumnWidth(EventListModel::IdColumn, metrics.horizontalAdvance(u"0000000"_s));
    m_table->setColumnWidth(EventListModel::SizeColumn, metrics.horizontalAdvance(u"1,023.9 KiB__"_s));

    m_follow->setText(tr("Follow"));
    m_follow->setCheckable(true);
    m_follow->setChecked(true);
    // Its icon is lit while on and faint while off, which a checked tool button alone does not show on every
    // palette.
    m_follow->setIcon(ThemeIcons::icon(ThemeIcons::Glyph::Follow, palette()));
    m_follow->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_follow->setToolTip(tr("Keep the newest row in view (End)"));
    m_pause->setText(tr("Pause"));
    m_pause->setCheckable(true);
    m_pause->setToolTip(tr("Stop adding rows to the table; the stream keeps being received and counted (Ctrl+P)"));
    m_clear->setText(tr("Clear"));
    m_clear->setToolTip(tr("Remove every row from the table; the stream goes on (Ctrl+K)"));
    m_retention->setRange(0, 100000000);
    m_retention->setSingleStep(10000);
    m_retention->setGroupSeparatorShown(true);
    m_retention->setValue(DefaultRetention);
    m_retention->setSpecialValueText(tr("no limit"));
    m_retention->setPrefix(tr("Keep "));
    m_retention->setSuffix(tr(" rows"));
    m_retention->setToolTip(tr("The most rows kept; past it the oldest rows are evicted first. 0 keeps every row "
                               "(memory grows with the stream)."));
    m_rows->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_splitter->addWidget(m_table);
    m_splitter->addWidget(m_detail);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);
    m_splitter->setSizes({780, 420});
    // The rows count below says the same, with what waits and what was evicted.
    m_filterBar->countLabel()->hide();
    m_splitter->setChildrenCollapsible(false);

    auto controls = new QHBoxLayout;
    controls->setContentsMargins(0, 0, 0, 0);
    controls->addWidget(m_follow);
    controls->addWidget(m_pause);
    controls->addWidget(m_clear);
    controls->addWidget(m_retention);
    controls->addWidget(m_rows, 1);
    auto layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_filterBar);
    layout->addWidget(m_splitter, 1);
    layout->addLayout(controls);

    m_waiting->setInterval(500);
    connect(m_waiting, &QTimer::timeout, this, &EventsPage::updateRowsText);
    connect(m_pause, &QToolButton::toggled, this, &EventsPage::setPaused);
    connect(m_clear, &QToolButton::clicked, this, &EventsPage::clear);
    connect(m_follow, &QToolButton::toggled, this, [this](bool on) {
        if (on)
            m_table->scrollToBottom();
    });
    connect(m_retention, &QSpinBox::editingFinished, this, [this]() { m_model->setCapacity(m_retention->value()); });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &EventsPage::showCurrent);
    connect(m_detail, &DetailPane::jsonFilterRequested, m_filterBar,
            [this](const QString &pointer, const QString &value) {
                m_filterBar->setJsonFilter(
                    pointer, value, value.isEmpty() ? JsonFieldMatcher::Mode::Exists : JsonFieldMatcher::Mode::Equals);
            });
    // Follow mode: scrolling up to read stops following; scrolling back to the bottom resumes it.
    connect(m_table->verticalScrollBar(), &QScrollBar::valueChanged, this, [this](int value) {
        const bool atBottom = value == m_table->verticalScrollBar()->maximum();
        if (m_atBottom != atBottom && m_table->verticalScrollBar()->isSliderDown())
            m_follow->setChecked(atBottom);
        m_atBottom = atBottom;
    });
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, [this]() {
        if (m_follow->isChecked())
            QTimer::singleShot(0, m_table, &QTableView::scrollToBottom);
        updateRowsText();
    });
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, &EventsPage::updateRowsText);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &EventsPage::updateRowsText);
    connect(m_proxy, &QAbstractItemModel::layoutChanged, this, &EventsPage::updateRowsText);
    connect(m_model, &EventListModel::rowsEvicted, this, &EventsPage::updateRowsText);
    updateRowsText();
}

void EventsPage::setPaused(bool paused)
{
    if (m_pause->isChecked() != paused)
        m_pause->setChecked(paused); // comes back here through toggled
    m_model->setPaused(paused);
    m_pause->setText(paused ? tr("Resume") : tr("Pause"));
    if (paused)
        m_waiting->start();
    else
        m_waiting->stop();
    updateRowsText();
}

void EventsPage::restoreColumns(const QByteArray &state)
{
    m_columns->restoreState(state);
}

QByteArray EventsPage::columnsState() const
{
    return m_columns->state();
}

void EventsPage::clear()
{
    m_model->clear();
    m_detail->clear();
    updateRowsText();
}

void EventsPage::reset()
{
    m_model->reset();
    m_detail->clear();
    updateRowsText();
}

void EventsPage::selectRow(int row)
{
    m_table->setCurrentIndex(m_proxy->index(row, 0));
}

void EventsPage::showCurrent()
{
    const QModelIndex current = m_proxy->mapToSource(m_table->currentIndex());
    if (current.isValid())
        m_detail->showRow(m_model, current.row());
    else
        m_detail->clear();
}

QString EventsPage::rowsText() const
{
    return m_rows->text();
}

void EventsPage::updateRowsText()
{
    const QLocale locale;
    QStringList parts;
    parts << tr("%1 of %2 rows shown").arg(locale.toString(m_proxy->rowCount()), locale.toString(m_model->rowCount()));
    if (m_model->isPaused())
        parts << tr("paused, %1 waiting").arg(locale.toString(qint64(m_model->pending())));
    if (m_model->evicted() > 0)
        parts << tr("%1 oldest evicted (limit %2)")
                     .arg(locale.toString(m_model->evicted()), locale.toString(qint64(m_model->capacity())));
    const QString text = parts.join(u" · "_s);
    if (text != m_rows->text()) {
        m_rows->setText(text);
        Q_EMIT rowsTextChanged(text);
    }
}

void EventsPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange)
        m_follow->setIcon(ThemeIcons::icon(ThemeIcons::Glyph::Follow, palette()));
    QWidget::changeEvent(event);
}
