// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "net/streamrequest.h"
#include "scenariocatalogue.h"

#include <QWidget>

class MockProducer;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QTreeWidget;

/** The embedded producer: start and stop it, browse its scenarios, and open one in a new tab. */
class ProducerPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProducerPanel)

public:
    explicit ProducerPanel(MockProducer *producer, QWidget *parent = nullptr);

    /** The request the selected scenario and its query make. */
    StreamRequest selectedRequest() const;
    /** Selects a scenario by name; false when there is none. */
    bool selectScenario(const QString &name);
    QLineEdit *queryEdit() const { return m_query; }
    QString statusText() const;
    /** The activity log as shown: streams started and ended, notes. */
    QString logText() const;
    /**
     * Starts the producer on the port it had last time, so that URLs saved from it still work; when that port is
     * taken it takes a free one and says so in the log.
     */
    void startOnRememberedPort();

Q_SIGNALS:
    /** The user asked for the selected scenario in a new tab. */
    void openRequested(const StreamRequest &request);
    /** The producer started or stopped. */
    void runningChanged(bool running);

protected:
    void changeEvent(QEvent *event) override;

private:
    void startOrStop();
    void showScenario();
    void updateStatus();
    void appendLog(const QString &message);
    void rememberPort();
    static QString endingText(const ScenarioEnding &ending);

    MockProducer *m_producer;
    ScenarioCatalogue m_catalogue;
    QLabel *m_status;
    QSpinBox *m_port;
    QPushButton *m_startStop;
    QTreeWidget *m_scenarios;
    QLabel *m_description;
    QTreeWidget *m_params;
    QLineEdit *m_query;
    QPushButton *m_open;
    QPlainTextEdit *m_log;
};
