// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "scenario.h"

/** Event streams: tickers, the classic backends, framing and stream faults. */
QList<ScenarioSpec> streamScenarios();
/** OpenAI-compatible and Anthropic-style LLM streams. */
QList<ScenarioSpec> llmScenarios();
/** HTTP-level behaviour: statuses, wrong content type, redirects, echo. */
QList<ScenarioSpec> httpScenarios();
