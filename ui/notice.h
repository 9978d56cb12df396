// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QMessageBox>

/**
 * A message for the user that does not wait for an answer: the box opens (modal to its window) and goes away
 * when closed, while the window goes on with its events. For what long work reports when it ends.
 */
class Notice final
{
public:
    static QMessageBox *warn(QWidget *parent, const QString &title, const QString &text)
    {
        return show(QMessageBox::Warning, parent, title, text);
    }
    static QMessageBox *inform(QWidget *parent, const QString &title, const QString &text)
    {
        return show(QMessageBox::Information, parent, title, text);
    }

private:
    static QMessageBox *show(QMessageBox::Icon icon, QWidget *parent, const QString &title, const QString &text);
};
