// SPDX-License-Identifier: GPL-3.0-or-later
#include "notice.h"

QMessageBox *Notice::show(QMessageBox::Icon icon, QWidget *parent, const QString &title, const QString &text)
{
    auto box = new QMessageBox(icon, title, text, QMessageBox::Ok, parent);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
    return box;
}
