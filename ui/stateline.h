// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

class QLabel;
class RecordControl;
struct StreamResponse;

/** The line under a tab's request: the session's state and why, the Record control, and the last response's
 *  status line with its headers in the tooltip. */
class StateLine final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StateLine)

public:
    explicit StateLine(QWidget *parent = nullptr);
    ~StateLine() override;

    /** Where the tab writes the session's state and why, as rich text. */
    QLabel *stateLabel() const { return m_state; }
    void showResponse(const StreamResponse &response);
    void clearResponse();
    RecordControl *recordControl() const { return m_record; }

private:
    QLabel *m_state;
    RecordControl *m_record;
    QLabel *m_response;
};
