// SPDX-License-Identifier: GPL-3.0-or-later
#include "sessionviews.h"

#include "eventspage.h"
#include "llm/llmview.h"
#include "models/eventlistmodel.h"
#include "scrollpage.h"
#include "stats/statisticspane.h"

#include <QScrollArea>

SessionViews::SessionViews(QWidget *parent)
    : QTabWidget(parent)
    , m_events(new EventsPage(this))
    , m_stats(new StatisticsPane(this))
    , m_llm(new LlmView(this))
{
    setDocumentMode(true);
    addTab(m_events, tr("Events"));
    addTab(ScrollPage::wrap(m_stats, this), tr("Statistics"));
    addTab(m_llm, tr("LLM Reply"));
    setTabToolTip(0, tr("Every event, comment, state change and raw chunk, with filters and details"));
    setTabToolTip(1, tr("Connection attempts, rates over time, inter-arrival times"));
    setTabToolTip(2, tr("The reply of an LLM chat stream, assembled from its deltas"));
}

SessionViews::~SessionViews() = default;

EventListModel *SessionViews::model() const
{
    return m_events->model();
}

void SessionViews::clear()
{
    m_events->reset();
    m_stats->reset();
}

void SessionViews::flush()
{
    m_events->model()->flush();
    m_llm->flush();
    m_stats->refresh();
}
