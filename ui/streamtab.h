// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "net/sseclient.h"

#include <QWidget>

#include <memory>

class EventListModel;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;

/** One stream: its request bar, its state with the reason, and its rows. */
class StreamTab final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StreamTab)

public:
    explicit StreamTab(QWidget *parent = nullptr);
    ~StreamTab() override;

    /** Fills the request bar and connects. */
    void open(const QUrl &url, const QByteArray &method = "GET");
    void connectStream();
    void disconnectStream();

    EventListModel *model() const { return m_model; }
    QString stateText() const;
    StreamState state() const;
    QString title() const;

Q_SIGNALS:
    void titleChanged(const QString &title);

private:
    void showState(const StreamStateChange &change);

    std::unique_ptr<SseClient> m_client;
    EventListModel *m_model;
    QComboBox *m_method;
    QLineEdit *m_url;
    QPushButton *m_connect;
    QLabel *m_state;
    QLabel *m_totals;
    QTableView *m_table;
    qint64 m_events = 0;
    qint64 m_bytes = 0;
};
