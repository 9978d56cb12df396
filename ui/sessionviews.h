// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QTabWidget>

class EventListModel;
class EventsPage;
class LlmView;
class StatisticsPane;

/** The pages that show one stream, live or recorded: its events, its statistics and its LLM reply. */
class SessionViews final : public QTabWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SessionViews)

public:
    explicit SessionViews(QWidget *parent = nullptr);
    ~SessionViews() override;

    EventsPage *events() const { return m_events; }
    StatisticsPane *stats() const { return m_stats; }
    LlmView *llm() const { return m_llm; }
    EventListModel *model() const;

    /** Empties the rows (numbered from 1 again) and the statistics, for a session shown in place of another. */
    void clear();
    /** Shows at once what is still queued for the rows, the LLM reply and the statistics. */
    void flush();

private:
    EventsPage *m_events;
    StatisticsPane *m_stats;
    LlmView *m_llm;
};
