// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "log/streamstats.h"
#include "sse/sseevent.h"
#include "util/clock.h"

#include <QTimer>
#include <QWidget>

class AttemptTableModel;
class QLabel;
class QTableView;
class QTreeWidget;
class RateChart;

/**
 * The statistics of one stream: a grid of figures, a chart of events and bytes per second, and the connection
 * attempts with the response headers of the selected one. It is fed as the stream goes and redraws once a
 * second while visible, never per event.
 */
class StatisticsPane final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StatisticsPane)

public:
    /** The figures of the summary grid. */
    enum class Figure {
        Events,
        Comments,
        BodyBytes,
        EventData,
        Attempts,
        TimeToFirstByte,
        TimeToFirstEvent,
        Chunks,
        EventsPerSecondNow,
        EventsPerSecondAverage,
        BytesPerSecondNow,
        BytesPerSecondAverage,
        InterArrivalP50,
        InterArrivalP95,
        InterArrivalP99,
        InterArrivalMax,
        Diagnostics,
    };

    explicit StatisticsPane(QWidget *parent = nullptr);
    ~StatisticsPane() override;

    /** Where "now" comes from for current rates and running attempts; it must outlive the pane. */
    void setClock(Clock *clock);
    /** True while the stream comes from a recording: "now" is then the time of the latest record fed, so the
     *  figures, the chart and a running attempt stand still when the records stop instead of following the
     *  clock. Forgotten by reset(). */
    void setRecorded(bool recorded);

    /** Forgets the stream fed so far. */
    void reset();
    void addState(const StreamStateChange &change);
    void addResponse(const StreamResponse &response);
    void addChunk(const StreamChunk &chunk);
    void addEvent(const SseEvent &event, qint64 monotonicNs);
    void addComment(const QByteArray &text, qint64 monotonicNs);
    void addDiagnostic(const SseDiagnostic &diagnostic);

    const StreamStats &stats() const { return m_stats; }
    /** Updates the figures, the chart and the attempts now (a timer does it every second while visible). */
    void refresh();

    /** The text a figure shows. */
    QString figureText(Figure figure) const;
    AttemptTableModel *attemptModel() const { return m_attemptModel; }
    QTableView *attemptView() const { return m_attemptView; }
    RateChart *chart() const { return m_chart; }
    /** The headers of the selected attempt, as shown. */
    QTreeWidget *headerView() const { return m_headerView; }
    /** The line above the headers: which attempt, its status and URL. */
    QString headerTitle() const;

protected:
    void showEvent(QShowEvent *event) override;

private:
    QWidget *createFigures();
    void addFigure(Figure figure, const QString &name, const QString &toolTip);
    void setFigure(Figure figure, const QString &text);
    void updateFigures(qint64 nowNs);
    void showSelectedHeaders();
    void reached(qint64 monotonicNs, qint64 wallMs = -1);
    qint64 nowNs() const;
    qint64 nowWallMs() const;

    StreamStats m_stats;
    Clock *m_clock = Clock::system();
    bool m_recorded = false;
    qint64 m_recordedNs = -1; // the latest record's time
    qint64 m_recordedWallNs = 0; // the time of the latest record that had a wall-clock time
    qint64 m_recordedWallMs = 0; // and that time
    QTimer m_timer;
    QList<QLabel *> m_figures; // by Figure
    QWidget *m_figureGrid = nullptr;
    RateChart *m_chart;
    AttemptTableModel *m_attemptModel;
    QTableView *m_attemptView;
    QLabel *m_headerTitle;
    QTreeWidget *m_headerView;
    // Which attempt the headers are of, and what it looked like, so that they are redrawn only on a change.
    qint64 m_headersStartedNs = -1;
    qint64 m_headersResponseNs = -2;
};
