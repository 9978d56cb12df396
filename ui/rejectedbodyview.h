// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "net/streamtypes.h"

#include <QWidget>

class QLabel;
class QPlainTextEdit;

/** What the server sent instead of a stream (an error page, a JSON error, the wrong content), shown under the
 *  state line of the change that refused it; hidden for every other change. */
class RejectedBodyView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RejectedBodyView)

public:
    explicit RejectedBodyView(QWidget *parent = nullptr);

    /** Shows change's body, or hides the view when it has none. */
    void showChange(const StreamStateChange &change);
    QString text() const;

private:
    QLabel *m_title;
    QPlainTextEdit *m_body;
};
