// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QtCharts/QChartView>

class StreamStats;
class QDateTimeAxis;
class QLineSeries;
class QValueAxis;

/**
 * Events per second (left axis) and body bytes per second (right axis) of the last few minutes, one point per
 * complete second, on a wall-clock time axis. Colours follow the widget's palette, light or dark.
 */
class RateChart final : public QChartView
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RateChart)

public:
    /** Seconds shown at most. */
    static constexpr int WindowSeconds = 300;

    explicit RateChart(QWidget *parent = nullptr);

    /** Redraws from stats as of nowNs, which is nowWallMs on the wall clock. */
    void showStats(const StreamStats &stats, qint64 nowNs, qint64 nowWallMs);

    QLineSeries *eventSeries() const { return m_events; }
    QLineSeries *byteSeries() const { return m_bytes; }
    QDateTimeAxis *timeAxis() const { return m_timeAxis; }
    QValueAxis *eventAxis() const { return m_eventAxis; }
    QValueAxis *byteAxis() const { return m_byteAxis; }
    /** What the byte series' values are divided by (1, 1024, 1024^2 or 1024^3). */
    double byteDivisor() const { return m_byteDivisor; }

protected:
    void changeEvent(QEvent *event) override;

private:
    void applyPalette();
    void setByteUnit(double maxBytesPerSecond);

    QLineSeries *m_events;
    QLineSeries *m_bytes;
    QDateTimeAxis *m_timeAxis;
    QValueAxis *m_eventAxis;
    QValueAxis *m_byteAxis;
    double m_byteDivisor = 1;
};
