// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "net/streamrequest.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLineEdit;
class QSpinBox;

/** A compact form for what a request does over time: reconnecting, stopping, and the parser's size limits. */
class PoliciesPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PoliciesPanel)

public:
    explicit PoliciesPanel(QWidget *parent = nullptr);

    /** Shows the request's reconnect policy, stop rules and parser limits. */
    void setRequest(const StreamRequest &request);
    /** Writes the form into the request's reconnect policy, stop rules and parser limits. */
    void applyTo(StreamRequest &request) const;

    /** Splits "a, b ,c" into its non-empty items. */
    static QList<QByteArray> splitList(const QString &text);

Q_SIGNALS:
    void policiesChanged();

private:
    void updateEnabled();

    QCheckBox *m_reconnect;
    QSpinBox *m_initialDelay;
    QSpinBox *m_maxDelay;
    QSpinBox *m_resetAfter;
    QCheckBox *m_retryServerErrors;
    QCheckBox *m_reconnectPost;
    QSpinBox *m_maxAttempts;
    QSpinBox *m_idleTimeout;
    QLineEdit *m_stopTypes;
    QLineEdit *m_stopData;
    QSpinBox *m_maxEvents;
    QSpinBox *m_maxLine;
    QSpinBox *m_maxEvent;
    QComboBox *m_overflow;
};
