// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "net/streamrequest.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLineEdit;

/** How a request reaches the server: the first Last-Event-ID, TLS trust and the proxy. */
class ConnectionPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectionPanel)

public:
    explicit ConnectionPanel(QWidget *parent = nullptr);

    void setRequest(const StreamRequest &request);
    /** Writes lastEventId, caFile, ignoreTlsErrors and the proxy into the request. */
    void applyTo(StreamRequest &request) const;
    /** Empty, or why the fields cannot be used (a proxy URL without a host). */
    QString problem() const;

Q_SIGNALS:
    void connectionChanged();

private:
    QLineEdit *m_lastEventId;
    QLineEdit *m_caFile;
    QCheckBox *m_ignoreTls;
    QComboBox *m_proxyMode;
    QLineEdit *m_proxyUrl;
};
