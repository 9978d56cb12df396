// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

class QLineEdit;

/** The two recordings to compare, A and B: their paths, a file dialog for each, Swap and Compare. */
class DiffFilesBar final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DiffFilesBar)

public:
    explicit DiffFilesBar(QWidget *parent = nullptr);

    /** Fills the fields. */
    void setFiles(const QString &a, const QString &b);
    QString fileA() const;
    QString fileB() const;
    /** A's field takes B's path and B's field A's. */
    void swapFiles();

Q_SIGNALS:
    /** Compare was pressed, Enter in a field, or both files are chosen after a file dialog. */
    void compareRequested();
    void swapRequested();

private:
    void browse(QLineEdit *field, const QString &title);

    QLineEdit *m_pathA;
    QLineEdit *m_pathB;
};
