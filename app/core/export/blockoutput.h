// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QIODevice>

/** Output in blocks: few, large writes. After the first failed write nothing more is written. A writer that
 *  writes nothing may have no device. */
class BlockOutput final
{
public:
    static constexpr qsizetype BlockSize = 64 * 1024;

    explicit BlockOutput(QIODevice *device)
        : m_device(device)
    {
    }

    QByteArray &buffer() { return m_buffer; }
    void append(QByteArrayView bytes)
    {
        m_buffer.append(bytes);
        flushIfFull();
    }
    void flushIfFull()
    {
        if (m_buffer.size() >= BlockSize)
            flush();
    }
    bool flush()
    {
        if (!m_failed && !m_buffer.isEmpty() && m_device->write(m_buffer) != m_buffer.size())
            m_failed = true;
        m_buffer.resize(0);
        return !m_failed;
    }
    bool failed() const { return m_failed; }
    QString errorString() const { return m_device ? m_device->errorString() : QString(); }

private:
    QIODevice *m_device;
    QByteArray m_buffer;
    bool m_failed = false;
};
