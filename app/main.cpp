// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/cli.h"
#include "platform/console.h"
#include "version.h"

#ifdef SSESCOPE_GUI
#include "language.h"
#include "mainwindow.h"
#include "theme.h"

#include <QApplication>
#include <QIcon>
#include <QSettings>
#include <QUrl>
#endif

#include <QCoreApplication>

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
#ifdef SSESCOPE_GUI
    if (Cli::isCommandLine(argc, argv)) {
#endif
        QCoreApplication app(argc, argv);
        describe();
        return Cli::run(QCoreApplication::arguments());
#ifdef SSESCOPE_GUI
    }
    Platform::releaseOwnConsole();
    QApplication app(argc, argv);
    describe();
    QApplication::setApplicationDisplayName(QStringLiteral("SSE Scope"));
    // The desktop entry's name, so that Wayland and taskbars match the window with its icon.
    QGuiApplication::setDesktopFileName(QStringLiteral("org.ssescope.SseScope"));
    QIcon icon;
    for (const int size : {16, 22, 24, 32, 48, 64, 128, 256, 512})
        icon.addFile(QStringLiteral(":/icons/ssescope-%1.png").arg(size), QSize(size, size));
    QApplication::setWindowIcon(icon);
    const QSettings settings;
    Language::install(&app, settings.value(QStringLiteral("ui/language")).toString());
    Theme::apply(settings.value(QStringLiteral("ui/theme")).toString());
    MainWindow window;
    window.openArgument(argc > 1 ? QString::fromLocal8Bit(argv[1]) : QString());
    window.show();
    return QApplication::exec();
#endif
}
