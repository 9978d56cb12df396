// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "compare/sessioncomparison.h"

#include <QWidget>

class QLabel;
class QPlainTextEdit;

/**
 * The selected pair of a comparison in full, A beside B: each side's title, fields and data with what differs
 * marked line by line, long data opened where it starts to differ, and both sides scrolling together.
 */
class DiffDetailView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DiffDetailView)

public:
    explicit DiffDetailView(QWidget *parent = nullptr);

    /** Shows the row of the comparison (-1: none) of recordings read from fileA and fileB. */
    void showRow(const SessionComparison &comparison, qsizetype row, const QString &fileA, const QString &fileB);

    QPlainTextEdit *sideA() const { return m_sideA; }
    QPlainTextEdit *sideB() const { return m_sideB; }

private:
    QLabel *m_titleA;
    QLabel *m_titleB;
    QPlainTextEdit *m_sideA;
    QPlainTextEdit *m_sideB;
};
