// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

class QLabel;
class QPushButton;

/** Says that the request was edited while its session runs: the running session keeps what it was started
 *  with, and the edit applies from the next connection, now if the user asks. */
class PendingEditBar final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PendingEditBar)

public:
    explicit PendingEditBar(QWidget *parent = nullptr);

Q_SIGNALS:
    /** The user wants the edited request sent now. */
    void reconnectRequested();

private:
    QLabel *m_text;
    QPushButton *m_reconnect;
};
