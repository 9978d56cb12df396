// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/cli.h"
#include "version.h"

#include <QCoreApplication>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("ssescope"));
    QCoreApplication::setOrganizationName(QStringLiteral("SSE Scope"));
    QCoreApplication::setApplicationVersion(QString::fromLatin1(SseScope::Version));
    return Cli::run(QCoreApplication::arguments());
}
