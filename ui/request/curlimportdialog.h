// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "net/streamrequest.h"

#include <QDialog>

#include <optional>

class QDialogButtonBox;
class QLabel;
class QPlainTextEdit;

/** Asks for a curl command and says at once whether it can be read, and what was left out. */
class CurlImportDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CurlImportDialog)

public:
    explicit CurlImportDialog(QWidget *parent = nullptr);

    void setCommand(const QString &command);
    /** The request the command describes, when it can be read. */
    std::optional<StreamRequest> request() const { return m_request; }
    /** The error or the warnings, as shown. */
    QString message() const;

private:
    void parse();

    QPlainTextEdit *m_edit;
    QLabel *m_message;
    QDialogButtonBox *m_buttons;
    std::optional<StreamRequest> m_request;
};
