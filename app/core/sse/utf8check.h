// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "utf8.h"

#include <QByteArray>
#include <QByteArrayView>

/** Whether bytes fed in pieces are well-formed UTF-8, a sequence split between pieces included. */
class Utf8Check final
{
public:
    void reset()
    {
        m_valid = true;
        m_tail.clear();
    }
    void feed(QByteArrayView bytes)
    {
        if (!m_valid || bytes.isEmpty())
            return;
        QByteArray joined;
        if (!m_tail.isEmpty()) {
            joined = m_tail + bytes;
            bytes = joined;
        }
        const qsizetype complete = completeLength(bytes);
        m_valid = Utf8::isValid(bytes.first(complete));
        m_tail = bytes.sliced(complete).toByteArray();
    }
    bool isValid() const { return m_valid && m_tail.isEmpty(); }

private:
    // The length without a multi-byte sequence that the bytes end in the middle of.
    static qsizetype completeLength(QByteArrayView bytes)
    {
        for (qsizetype back = 1; back <= qMin<qsizetype>(3, bytes.size()); ++back) {
            const auto c = uchar(bytes.at(bytes.size() - back));
            if ((c & 0xC0) == 0x80)
                continue;
            const qsizetype length = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
            return length > back ? bytes.size() - back : bytes.size();
        }
        return bytes.size();
    }

    QByteArray m_tail;
    bool m_valid = true;
};
