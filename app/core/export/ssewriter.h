// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "exportwriter.h"
#include "sse/sseformatter.h"

/** The events written again as a text/event-stream, which replays in any tool. */
class SseWriter final : public ExportWriter
{
public:
    using ExportWriter::ExportWriter;

    void eventDerived(const RecordedEvent &recorded) override;

private:
    SseFormatter m_formatter;
    QByteArray m_lastId;
};
