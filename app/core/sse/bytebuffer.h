// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArrayView>
#include <QtGlobal>

#include <cstdlib>
#include <cstring>
#include <utility>

/** A growable byte buffer for the parser's hot path: inline appends, no sharing, no detach checks. */
class ByteBuffer final
{
public:
    ByteBuffer() = default;
    ~ByteBuffer() { std::free(m_data); }
    ByteBuffer(const ByteBuffer &) = delete;
    ByteBuffer &operator=(const ByteBuffer &) = delete;

    const char *data() const { return m_data; }
    char *data() { return m_data; }
    qsizetype size() const { return m_size; }
    qsizetype capacity() const { return m_capacity; }
    bool isEmpty() const { return m_size == 0; }
    QByteArrayView view() const { return QByteArrayView(m_data, m_size); }

    void append(const char *bytes, qsizetype length)
    {
        if (length <= 0)
            return;
        if (m_capacity - m_size < length)
            grow(m_size + length);
        std::memcpy(m_data + m_size, bytes, size_t(length));
        m_size += length;
    }
    void append(QByteArrayView bytes) { append(bytes.data(), bytes.size()); }
    void append(char byte)
    {
        if (m_size == m_capacity)
            grow(m_size + 1);
        m_data[m_size++] = byte;
    }
    void truncate(qsizetype size) { m_size = qMin(size, m_size); }
    /** Makes the buffer hold bytes, and only them. */
    void assign(QByteArrayView bytes)
    {
        m_size = 0;
        append(bytes);
    }
    void swap(ByteBuffer &other) noexcept
    {
        std::swap(m_data, other.m_data);
        std::swap(m_size, other.m_size);
        std::swap(m_capacity, other.m_capacity);
    }
    /** Empties the buffer, giving its memory back when it grew past keepCapacity. */
    void clear(qsizetype keepCapacity)
    {
        m_size = 0;
        if (m_capacity > keepCapacity) {
            std::free(std::exchange(m_data, nullptr));
            m_capacity = 0;
        }
    }

private:
    void grow(qsizetype needed)
    {
        // Doubling keeps a 14 MB event at about one copy of its bytes in total.
        qsizetype capacity = qMax<qsizetype>(m_capacity * 2, 64);
        while (capacity < needed)
            capacity *= 2;
        auto data = static_cast<char *>(std::realloc(m_data, size_t(capacity)));
        if (!data)
            qBadAlloc();
        m_data = data;
        m_capacity = capacity;
    }

    char *m_data = nullptr;
    qsizetype m_size = 0;
    qsizetype m_capacity = 0;
};
