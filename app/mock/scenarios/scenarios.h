// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "scenario.h"

/** The ticker and stop-after: events with ids that resume after Last-Event-ID. */
QList<ScenarioSpec> tickerScenarios();
/** Event streams: the classic backends, framing and stream faults. */
QList<ScenarioSpec> streamScenarios();
/** OpenAI-compatible and Anthropic-style LLM streams. */
QList<ScenarioSpec> llmScenarios();
/** HTTP-level behaviour: statuses, wrong content type, redirects, echo. */
QList<ScenarioSpec> httpScenarios();
