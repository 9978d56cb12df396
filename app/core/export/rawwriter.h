// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "exportwriter.h"

/** The raw export: every attempt's body bytes exactly, in order. */
class RawWriter final : public ExportWriter
{
public:
    using ExportWriter::ExportWriter;
    void chunkRead(const StreamChunk &chunk) override { m_out.append(chunk.bytes); }
};
