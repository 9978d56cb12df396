// SPDX-License-Identifier: GPL-3.0-or-later
#include "ratechart.h"

#include "log/streamstats.h"

#include <QtCharts/QChart>
#include <QtCharts/QDateTimeAxis>
#include <QtCharts/QLegendMarker>
#include <QtCharts/QLineSeries>
#include <QtCharts/QValueAxis>

#include <QDateTime>
#include <QEvent>

using namespace Qt::Literals::StringLiterals;

namespace {

// A stream younger than this is still drawn on an axis this wide, so that the first seconds do not fill it.
constexpr qint64 MinimumSpanMs = 60'000;

void setNiceRange(QValueAxis *axis, double max)
{
    // Some room above the highest point, then ticks on round numbers.
    axis->setRange(0, qMax(1.0, max * 1.1));
    axis->applyNiceNumbers();
    axis->setLabelFormat(axis->max() < 5 ? u"%.1f"_s : u"%.0f"_s);
}

} // namespace

RateChart::RateChart(QWidget *parent)
    // The chart is given here: setChart() would leave the chart the default constructor makes unowned.
    : QChartView(new QChart, parent)
    , m_events(new QLineSeries(this))
    , m_bytes(new QLineSeries(this))
    , m_timeAxis(new QDateTimeAxis(this))
    , m_eventAxis(new QValueAxis(this))
    , m_byteAxis(new QValueAxis(this))
{
    QChart *chart = this->chart();
    setRenderHint(QPainter::Antialiasing);
    chart->setLocalizeNumbers(true);
    chart->setMargins(QMargins(4, 4, 4, 4));
    chart->setBackgroundRoundness(0);
    chart->legend()->setAlignment(Qt::AlignTop);

    m_events->setName(tr("Events/s"));
    m_bytes->setName(tr("Bytes/s"));
    chart->addSeries(m_events);
    chart->addSeries(m_bytes);

    m_timeAxis->setFormat(u"HH:mm:ss"_s);
    m_timeAxis->setTickCount(7);
    m_eventAxis->setTitleText(tr("events/s"));
    m_eventAxis->setTickCount(6);
    m_byteAxis->setTickCount(6);
    setByteUnit(0);
    chart->addAxis(m_timeAxis, Qt::AlignBottom);
    chart->addAxis(m_eventAxis, Qt::AlignLeft);
    chart->addAxis(m_byteAxis, Qt::AlignRight);
    m_events->attachAxis(m_timeAxis);
    m_events->attachAxis(m_eventAxis);
    m_bytes->attachAxis(m_timeAxis);
    m_bytes->attachAxis(m_byteAxis);
    setNiceRange(m_eventAxis, 0);
    setNiceRange(m_byteAxis, 0);
    applyPalette();
    setMinimumHeight(180);
}

void RateChart::changeEvent(QEvent *event)
{
    QChartView::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyPalette();
}

void RateChart::applyPalette()
{
    const bool dark = palette().color(QPalette::Window).lightness() < 128;
    // A theme resets colours, fonts and pens: everything set on top of it comes after.
    chart()->setTheme(dark ? QChart::ChartThemeDark : QChart::ChartThemeLight);
    chart()->setBackgroundBrush(palette().brush(QPalette::Base));
    chart()->setPlotAreaBackgroundVisible(false);
    chart()->setFont(font());
    chart()->legend()->setFont(font());
    chart()->legend()->setLabelColor(palette().color(QPalette::Text));
    const QColor grid = palette().color(QPalette::Mid);
    const QColor text = palette().color(QPalette::Text);
    for (QAbstractAxis *axis : {static_cast<QAbstractAxis *>(m_timeAxis), static_cast<QAbstractAxis *>(m_eventAxis),
                                static_cast<QAbstractAxis *>(m_byteAxis)}) {
        axis->setLabelsFont(font());
        axis->setTitleFont(font());
        axis->setGridLineColor(grid);
        axis->setLabelsColor(text);
        axis->setTitleBrush(text);
    }
    // Each value axis takes its series' colour, so that it is clear which scale belongs to which line.
    const QColor eventColor = dark ? QColor(0x4f, 0xc3, 0xf7) : QColor(0x15, 0x65, 0xc0);
    const QColor byteColor = dark ? QColor(0xff, 0xb7, 0x4d) : QColor(0xd8, 0x43, 0x15);
    QPen eventPen(eventColor, 2);
    QPen bytePen(byteColor, 2);
    m_events->setPen(eventPen);
    m_bytes->setPen(bytePen);
    m_eventAxis->setLinePenColor(eventColor);
    m_eventAxis->setLabelsColor(eventColor);
    m_eventAxis->setTitleBrush(eventColor);
    m_byteAxis->setLinePenColor(byteColor);
    m_byteAxis->setLabelsColor(byteColor);
    m_byteAxis->setTitleBrush(byteColor);
    m_byteAxis->setGridLineVisible(false); // one grid is enough; the left axis owns it
}

void RateChart::setByteUnit(double maxBytesPerSecond)
{
    static constexpr double KiB = 1024.0;
    if (maxBytesPerSecond >= KiB * KiB * KiB) {
        m_byteDivisor = KiB * KiB * KiB;
        m_byteAxis->setTitleText(tr("GiB/s"));
    } else if (maxBytesPerSecond >= KiB * KiB) {
        m_byteDivisor = KiB * KiB;
        m_byteAxis->setTitleText(tr("MiB/s"));
    } else if (maxBytesPerSecond >= KiB) {
        m_byteDivisor = KiB;
        m_byteAxis->setTitleText(tr("KiB/s"));
    } else {
        m_byteDivisor = 1;
        m_byteAxis->setTitleText(tr("bytes/s"));
    }
}

void RateChart::showStats(const StreamStats &stats, qint64 nowNs, qint64 nowWallMs)
{
    QList<QPointF> events;
    QList<QPointF> bytes;
    double maxEvents = 0;
    qint64 maxBytes = 0;
    qint64 left = nowWallMs - MinimumSpanMs;
    if (stats.seriesOriginNs() >= 0 && nowNs >= stats.seriesOriginNs()) {
        const qint64 originWallMs = nowWallMs - (nowNs - stats.seriesOriginNs()) / 1'000'000;
        // Complete seconds only: the one in progress would show as a dip.
        const qint64 end = stats.secondAt(nowNs);
        const qint64 begin = qMax<qint64>(0, end - WindowSeconds);
        events.reserve(end - begin);
        bytes.reserve(end - begin);
        for (qint64 second = begin; second < end; ++second) {
            const StreamStats::SecondBucket bucket = stats.bucket(second);
            const double x = double(originWallMs + second * 1000);
            events.append(QPointF(x, double(bucket.events)));
            bytes.append(QPointF(x, double(bucket.bytes)));
            maxEvents = qMax(maxEvents, double(bucket.events));
            maxBytes = qMax(maxBytes, bucket.bytes);
        }
        left = qMin(left, qMax(originWallMs, nowWallMs - WindowSeconds * 1000));
    }
    setByteUnit(double(maxBytes));
    for (QPointF &point : bytes)
        point.setY(point.y() / m_byteDivisor);
    m_events->replace(events);
    m_bytes->replace(bytes);
    m_timeAxis->setRange(QDateTime::fromMSecsSinceEpoch(left), QDateTime::fromMSecsSinceEpoch(nowWallMs));
    setNiceRange(m_eventAxis, maxEvents);
    setNiceRange(m_byteAxis, double(maxBytes) / m_byteDivisor);
}
