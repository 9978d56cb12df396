// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/cli.h"
#include "language.h"
#include "mainwindow.h"
#include "theme.h"
#include "version.h"

#include <QApplication>
#include <QFileInfo>
#include <QSettings>
#include <QUrl>

namespace {

void describe()
{
    QCoreApplication::setApplicationName(QStringLiteral("ssescope"));
    QCoreApplication::setOrganizationName(QStringLiteral("SSE Scope"));
    QCoreApplication::setApplicationVersion(QString::fromLatin1(SseScope::Version));
}

} // namespace

int main(int argc, char *argv[])
{
    // A command runs headless; anything else (nothing, or a URL) opens the window.
    if (Cli::isCommandLine(argc, argv)) {
        QCoreApplication app(argc, argv);
        describe();
        return Cli::run(QCoreApplication::arguments());
    }
    QApplication app(argc, argv);
    describe();
    QApplication::setApplicationDisplayName(QStringLiteral("SSE Scope"));
    const QSettings settings;
    Language::install(&app, settings.value(QStringLiteral("ui/language")).toString());
    Theme::apply(settings.value(QStringLiteral("ui/theme")).toString());
    MainWindow window;
    const QString argument = argc > 1 ? QString::fromLocal8Bit(argv[1]) : QString();
    if (!argument.isEmpty() && QFileInfo(argument).isFile())
        window.openRecording(argument);
    else if (!argument.isEmpty())
        window.openStream(QUrl::fromUserInput(argument));
    else
        window.openDemo();
    window.show();
    return QApplication::exec();
}
