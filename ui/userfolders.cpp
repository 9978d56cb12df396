// SPDX-License-Identifier: GPL-3.0-or-later
#include "userfolders.h"

#include <QDir>
#include <QStandardPaths>

QString UserFolders::documents()
{
    const QString documents = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    if (!documents.isEmpty() && QDir(documents).exists())
        return documents;
    return QDir::homePath();
}
