// SPDX-License-Identifier: GPL-3.0-or-later
#include "statisticspane.h"

#include "attempttablemodel.h"
#include "diagnostictext.h"
#include "ratechart.h"
#include "statsformat.h"

#include <QGridLayout>
#include <QHeaderView>
#include <QLabel>
#include <QScrollBar>
#include <QSplitter>
#include <QTableView>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::Literals::StringLiterals;

namespace {

constexpr int RefreshIntervalMs = 1000;
constexpr int FigureColumns = 4;
constexpr int FigureCount = int(StatisticsPane::Figure::Diagnostics) + 1;
constexpr int CurrentRateSeconds = 5;

QLabel *caption(const QString &text, QWidget *parent)
{
    auto label = new QLabel(text, parent);
    QFont font = label->font();
    font.setBold(true);
    label->setFont(font);
    return label;
}

} // namespace

StatisticsPane::StatisticsPane(QWidget *parent)
    : QWidget(parent)
    , m_chart(new RateChart(this))
    , m_attemptModel(new AttemptTableModel(&m_stats, this))
    , m_attemptView(new QTableView(this))
    , m_headerTitle(new QLabel(this))
    , m_headerView(new QTreeWidget(this))
{
    m_attemptView->setModel(m_attemptModel);
    m_attemptView->setWordWrap(false);
    m_attemptView->setAlternatingRowColors(true);
    m_attemptView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_attemptView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_attemptView->verticalHeader()->hide();
    m_attemptView->verticalHeader()->setDefaultSectionSize(m_attemptView->fontMetrics().height() + 6);
    m_attemptView->horizontalHeader()->setStretchLastSection(true);
    m_attemptView->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    // Wide enough for the usual values and for the header's own text, whichever is wider.
    const QFontMetrics metrics = m_attemptView->fontMetrics();
    const QFontMetrics headerMetrics = m_attemptView->horizontalHeader()->fontMetrics();
    const auto fitColumn = [&](int column, const QString &sample) {
        const QString title = m_attemptModel->headerData(column, Qt::Horizontal).toString();
        const int width = qMax(metrics.horizontalAdvance(sample), headerMetrics.horizontalAdvance(title));
        m_attemptView->setColumnWidth(column, width + 24);
    };
    fitColumn(AttemptTableModel::NumberColumn, u"0000"_s);
    fitColumn(AttemptTableModel::StartedColumn, u"00:00:00.000"_s);
    fitColumn(AttemptTableModel::StatusColumn, u"502 Bad Gateway"_s);
    fitColumn(AttemptTableModel::DurationColumn, u"00 min 00 s"_s);
    fitColumn(AttemptTableModel::EventsColumn, u"000,000"_s);
    fitColumn(AttemptTableModel::DelayColumn, u"00.0 s"_s);

    m_headerView->setColumnCount(2);
    m_headerView->setHeaderLabels({tr("Header"), tr("Value")});
    m_headerView->setRootIsDecorated(false);
    m_headerView->setUniformRowHeights(true);
    m_headerView->setAlternatingRowColors(true);
    m_headerView->header()->resizeSection(0, metrics.horizontalAdvance(u"Access-Control-Allow-Origin___"_s));
    m_headerTitle->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_headerTitle->setTextFormat(Qt::PlainText);
    m_headerTitle->setWordWrap(true); // a long URL must not widen the pane

    auto attempts = new QWidget(this);
    auto attemptsLayout = new QVBoxLayout(attempts);
    attemptsLayout->setContentsMargins(0, 4, 0, 0);
    attemptsLayout->addWidget(caption(tr("Connection attempts"), attempts));
    attemptsLayout->addWidget(m_attemptView, 1);

    auto headers = new QWidget(this);
    auto headersLayout = new QVBoxLayout(headers);
    headersLayout->setContentsMargins(0, 4, 0, 0);
    headersLayout->addWidget(m_headerTitle);
    headersLayout->addWidget(m_headerView, 1);

    // The headers of the selected attempt sit beside the attempts rather than under them, so that the chart
    // keeps its height in a window of ordinary size.
    auto lower = new QSplitter(Qt::Horizontal, this);
    lower->addWidget(attempts);
    lower->addWidget(headers);
    lower->setStretchFactor(0, 3);
    lower->setStretchFactor(1, 2);
    lower->setSizes({700, 300}); // in proportion: the attempts need the width
    lower->setChildrenCollapsible(false);

    auto splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_chart);
    splitter->addWidget(lower);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    splitter->setSizes({360, 240}); // in proportion: the chart needs the height
    splitter->setChildrenCollapsible(false);

    auto layout = new QVBoxLayout(this);
    layout->addWidget(createFigures());
    layout->addWidget(splitter, 1);

    connect(m_attemptView->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &StatisticsPane::showSelectedHeaders);
    // Follow the newest attempt while the list is scrolled to its end.
    connect(m_attemptModel, &QAbstractItemModel::rowsAboutToBeInserted, this, [this]() {
        QScrollBar *bar = m_attemptView->verticalScrollBar();
        m_attemptView->setProperty("follow", bar->value() == bar->maximum());
    });
    connect(m_attemptModel, &QAbstractItemModel::rowsInserted, this, [this]() {
        if (m_attemptView->property("follow").toBool())
            m_attemptView->scrollToBottom();
    });
    m_timer.setInterval(RefreshIntervalMs);
    connect(&m_timer, &QTimer::timeout, this, [this]() {
        if (isVisible())
            refresh();
    });
    m_timer.start();
    refresh();
}

StatisticsPane::~StatisticsPane() = default;

QWidget *StatisticsPane::createFigures()
{
    m_figureGrid = new QWidget(this);
    auto grid = new QGridLayout(m_figureGrid);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->setHorizontalSpacing(12);
    grid->setVerticalSpacing(4);
    m_figures.resize(FigureCount);
    const QString percentile = tr("%1 of the times between two consecutive events of one connection are at most "
                                  "this (from a histogram, within 0.8 %).");
    addFigure(Figure::Events, tr("Events"), tr("Events dispatched, over all connection attempts."));
    addFigure(Figure::Comments, tr("Comments"), tr("Comment lines (starting with ':'), such as heartbeats."));
    addFigure(Figure::BodyBytes, tr("Body bytes"),
              tr("Bytes of response bodies as read from the network, before parsing."));
    addFigure(Figure::EventData, tr("Event data"),
              tr("Bytes of event data: the payloads, without field names and line ends."));
    addFigure(Figure::Attempts, tr("Attempts"), tr("Connection attempts made, the first one included."));
    addFigure(Figure::TimeToFirstByte, tr("First byte after"),
              tr("From the start of the first connection attempt to the first byte of a stream body, waits "
                 "between attempts included."));
    addFigure(Figure::TimeToFirstEvent, tr("First event after"),
              tr("From the start of the first connection attempt to the first event, waits between attempts "
                 "included."));
    addFigure(Figure::Chunks, tr("Network reads"),
              tr("How many pieces the bodies arrived in. Few large reads after long pauses point to a proxy "
                 "that buffers the stream."));
    addFigure(Figure::EventsPerSecondNow, tr("Events/s now"),
              tr("Events per second over the last %1 complete seconds.").arg(CurrentRateSeconds));
    addFigure(Figure::EventsPerSecondAverage, tr("Events/s average"),
              tr("Events per second from the first byte or event to now, or to the end of the session."));
    addFigure(Figure::BytesPerSecondNow, tr("Bytes/s now"),
              tr("Body bytes per second over the last %1 complete seconds.").arg(CurrentRateSeconds));
    addFigure(Figure::BytesPerSecondAverage, tr("Bytes/s average"),
              tr("Body bytes per second from the first byte or event to now, or to the end of the session."));
    addFigure(Figure::InterArrivalP50, tr("Event gap p50"), percentile.arg(tr("Half")));
    addFigure(Figure::InterArrivalP95, tr("Event gap p95"), percentile.arg(tr("95 %")));
    addFigure(Figure::InterArrivalP99, tr("Event gap p99"), percentile.arg(tr("99 %")));
    addFigure(Figure::InterArrivalMax, tr("Event gap max"),
              tr("The longest time between two consecutive events of one connection (exact)."));
    addFigure(Figure::Diagnostics, DiagnosticText::rowsName(), DiagnosticText::figureToolTip());
    for (int column = 0; column < FigureColumns; ++column)
        grid->setColumnStretch(column * 2 + 1, 1);
    return m_figureGrid;
}

void StatisticsPane::addFigure(Figure figure, const QString &name, const QString &toolTip)
{
    auto grid = static_cast<QGridLayout *>(m_figureGrid->layout());
    const int index = int(figure);
    auto nameLabel = new QLabel(name + u':', m_figureGrid);
    auto value = new QLabel(m_figureGrid);
    QFont font = value->font();
    font.setBold(true);
    value->setFont(font);
    value->setTextInteractionFlags(Qt::TextSelectableByMouse);
    nameLabel->setToolTip(toolTip);
    value->setToolTip(toolTip);
    grid->addWidget(nameLabel, index / FigureColumns, (index % FigureColumns) * 2);
    grid->addWidget(value, index / FigureColumns, (index % FigureColumns) * 2 + 1);
    m_figures[index] = value;
}

void StatisticsPane::setFigure(Figure figure, const QString &text)
{
    m_figures[int(figure)]->setText(text);
}

QString StatisticsPane::figureText(Figure figure) const
{
    return m_figures[int(figure)]->text();
}

void StatisticsPane::setClock(Clock *clock)
{
    m_clock = clock ? clock : Clock::system();
    refresh();
}

void StatisticsPane::setRecorded(bool recorded)
{
    m_recorded = recorded;
    refresh();
}

void StatisticsPane::reset()
{
    m_stats.reset();
    m_recorded = false;
    m_recordedNs = -1;
    m_recordedWallNs = 0;
    m_recordedWallMs = 0;
    m_attemptModel->reload(nowNs());
    refresh();
}

void StatisticsPane::reached(qint64 monotonicNs, qint64 wallMs)
{
    m_recordedNs = qMax(m_recordedNs, monotonicNs);
    if (wallMs > 0) {
        m_recordedWallNs = monotonicNs;
        m_recordedWallMs = wallMs;
    }
}

qint64 StatisticsPane::nowNs() const
{
    return m_recorded ? qMax<qint64>(m_recordedNs, 0) : m_clock->monotonicNs();
}

qint64 StatisticsPane::nowWallMs() const
{
    if (!m_recorded)
        return m_clock->wallMs();
    return m_recordedWallMs + (qMax<qint64>(m_recordedNs, 0) - m_recordedWallNs) / 1'000'000;
}

void StatisticsPane::addState(const StreamStateChange &change)
{
    reached(change.monotonicNs, change.wallMs);
    m_stats.addState(change);
}

void StatisticsPane::addResponse(const StreamResponse &response)
{
    reached(response.monotonicNs);
    m_stats.addResponse(response);
}

void StatisticsPane::addChunk(const StreamChunk &chunk)
{
    reached(chunk.monotonicNs, chunk.wallMs);
    m_stats.addChunk(chunk);
}

void StatisticsPane::addEvent(const SseEvent &event, qint64 monotonicNs)
{
    reached(monotonicNs);
    m_stats.addEvent(monotonicNs, event.data.size());
}

void StatisticsPane::addComment(const QByteArray &text, qint64 monotonicNs)
{
    reached(monotonicNs);
    m_stats.addComment(monotonicNs, text.size());
}

void StatisticsPane::addDiagnostic(const SseDiagnostic &diagnostic)
{
    m_stats.addDiagnostic(diagnostic.kind);
}

void StatisticsPane::refresh()
{
    const qint64 now = nowNs();
    updateFigures(now);
    m_chart->showStats(m_stats, now, nowWallMs());
    m_attemptModel->refresh(now);
    showSelectedHeaders();
}

void StatisticsPane::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    refresh(); // the timer skips a hidden pane: catch up at once
}

void StatisticsPane::updateFigures(qint64 nowNs)
{
    setFigure(Figure::Events, StatsFormat::count(m_stats.events()));
    setFigure(Figure::Comments, StatsFormat::count(m_stats.comments()));
    setFigure(Figure::BodyBytes, StatsFormat::bytes(m_stats.bodyBytes()));
    setFigure(Figure::EventData, StatsFormat::bytes(m_stats.eventDataBytes()));
    setFigure(Figure::Attempts, StatsFormat::count(m_stats.attemptCount()));
    setFigure(Figure::TimeToFirstByte, StatsFormat::duration(m_stats.timeToFirstByteNs()));
    setFigure(Figure::TimeToFirstEvent, StatsFormat::duration(m_stats.timeToFirstEventNs()));
    setFigure(Figure::Chunks, StatsFormat::count(m_stats.chunks()));
    const StreamStats::Rate now = m_stats.currentRate(nowNs, CurrentRateSeconds);
    const StreamStats::Rate average = m_stats.averageRate(nowNs);
    setFigure(Figure::EventsPerSecondNow, StatsFormat::eventRate(now.eventsPerSecond));
    setFigure(Figure::EventsPerSecondAverage, StatsFormat::eventRate(average.eventsPerSecond));
    setFigure(Figure::BytesPerSecondNow, StatsFormat::byteRate(now.bytesPerSecond));
    setFigure(Figure::BytesPerSecondAverage, StatsFormat::byteRate(average.bytesPerSecond));
    const StreamStats::InterArrival gaps = m_stats.interArrival();
    setFigure(Figure::InterArrivalP50, StatsFormat::duration(gaps.p50Ns));
    setFigure(Figure::InterArrivalP95, StatsFormat::duration(gaps.p95Ns));
    setFigure(Figure::InterArrivalP99, StatsFormat::duration(gaps.p99Ns));
    setFigure(Figure::InterArrivalMax, StatsFormat::duration(gaps.maxNs));
    setFigure(Figure::Diagnostics, StatsFormat::count(m_stats.diagnostics()));
    // The kinds found, and how many of each, are in the tooltip.
    const QString kinds = DiagnosticText::breakdown(m_stats);
    m_figures[int(Figure::Diagnostics)]->setToolTip(
        kinds.isEmpty() ? DiagnosticText::figureToolTip() : DiagnosticText::figureToolTip() + u"\n\n"_s + kinds);
}

QString StatisticsPane::headerTitle() const
{
    return m_headerTitle->text();
}

void StatisticsPane::showSelectedHeaders()
{
    const QModelIndexList rows = m_attemptView->selectionModel()->selectedRows();
    const StreamStats::Attempt *attempt = rows.isEmpty() ? nullptr : m_attemptModel->attemptAt(rows.first().row());
    if (!attempt) {
        m_headersStartedNs = -1;
        m_headersResponseNs = -2;
        m_headerView->clear();
        m_headerTitle->setText(tr("Select an attempt to see its response headers."));
        return;
    }
    if (attempt->startedNs == m_headersStartedNs && attempt->responseNs == m_headersResponseNs)
        return;
    m_headersStartedNs = attempt->startedNs;
    m_headersResponseNs = attempt->responseNs;
    m_headerView->clear();
    if (attempt->responseNs < 0) {
        m_headerTitle->setText(attempt->isRunning() ? tr("Attempt %1: waiting for the response.").arg(attempt->number)
                                                    : tr("Attempt %1: no response was received.").arg(attempt->number));
        return;
    }
    QString status = QString::number(attempt->status);
    if (!attempt->reasonPhrase.isEmpty())
        status += u' ' + QString::fromLatin1(attempt->reasonPhrase);
    m_headerTitle->setText(tr("Attempt %1: %2 from %3").arg(attempt->number).arg(status, attempt->url.toString()));
    QList<QTreeWidgetItem *> items;
    items.reserve(attempt->headers.size());
    for (const auto &[name, value] : attempt->headers)
        items.append(new QTreeWidgetItem(QStringList{QString::fromLatin1(name), QString::fromUtf8(value)}));
    m_headerView->addTopLevelItems(items);
}
