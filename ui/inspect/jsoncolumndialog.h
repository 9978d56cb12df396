// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "log/jsoncolumn.h"

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QLineEdit;

/** Asks for a JSON column: the pointer it shows (checked as it is typed) and an optional title. */
class JsonColumnDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(JsonColumnDialog)

public:
    explicit JsonColumnDialog(const JsonColumn &column, QWidget *parent = nullptr);

    /** The column as entered; a pointer typed without its leading "/" gets one. */
    JsonColumn column() const;
    QLineEdit *pointerEdit() const { return m_pointer; }
    QLineEdit *titleEdit() const { return m_title; }
    QDialogButtonBox *buttons() const { return m_buttons; }
    /** What is wrong with the pointer; empty when it is one. */
    QString problem() const;

private:
    void check();

    QLineEdit *m_pointer;
    QLineEdit *m_title;
    QLabel *m_problem;
    QDialogButtonBox *m_buttons;
};
