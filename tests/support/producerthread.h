// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "mockproducer.h"

#include <QThread>
#include <QUrl>

/**
 * The embedded producer on a thread of its own, as a real server is another process: it goes on writing while
 * the thread of the client under test or measure is busy. Stopped and deleted on its thread when this goes.
 */
class ProducerThread final
{
    Q_DISABLE_COPY_MOVE(ProducerThread)

public:
    ProducerThread()
        : m_producer(new MockProducer)
    {
        m_thread.start();
        m_producer->moveToThread(&m_thread);
        QMetaObject::invokeMethod(
            m_producer, [this]() { m_started = m_producer->start(); }, Qt::BlockingQueuedConnection);
    }
    ~ProducerThread()
    {
        QMetaObject::invokeMethod(
            m_producer,
            [this]() {
                m_producer->stop();
                delete m_producer;
            },
            Qt::BlockingQueuedConnection);
        m_thread.quit();
        m_thread.wait();
    }

    bool isStarted() const { return m_started; }
    QUrl url(const QString &pathAndQuery) const { return m_producer->url(pathAndQuery); }

private:
    QThread m_thread;
    MockProducer *m_producer;
    bool m_started = false;
};
