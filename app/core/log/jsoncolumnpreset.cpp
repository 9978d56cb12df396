// SPDX-License-Identifier: GPL-3.0-or-later
#include "jsoncolumnpreset.h"

#include "util/jsonsniff.h"

#include <QCoreApplication>
#include <QJsonObject>

using namespace Qt::Literals::StringLiterals;

bool JsonColumnPreset::addEvent(QByteArrayView data)
{
    if (m_decided)
        return false;
    ++m_events;
    m_format = LlmAssembler::detectFormat(JsonSniff::parseContainer(data).toObject());
    m_decided = m_format != LlmFormat::Auto || m_events >= MaxEvents;
    return m_decided;
}

void JsonColumnPreset::reset()
{
    m_format = LlmFormat::Auto;
    m_events = 0;
    m_decided = false;
}

JsonColumns JsonColumnPreset::columnsFor(LlmFormat format)
{
    const auto title = [](const char *text) {
        return QCoreApplication::translate("JsonColumnPreset", text);
    };
    switch (format) {
    case LlmFormat::OpenAi:
        return {{u"/choices/0/delta/content"_s, title(QT_TRANSLATE_NOOP("JsonColumnPreset", "Content"))},
                {u"/choices/0/finish_reason"_s, title(QT_TRANSLATE_NOOP("JsonColumnPreset", "Finish reason"))}};
    case LlmFormat::Anthropic:
        return {{u"/type"_s, title(QT_TRANSLATE_NOOP("JsonColumnPreset", "Data type"))},
                {u"/delta/text"_s, title(QT_TRANSLATE_NOOP("JsonColumnPreset", "Text"))}};
    case LlmFormat::Auto:
    case LlmFormat::Pointer:
        break;
    }
    return {};
}
