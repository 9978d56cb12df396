// SPDX-License-Identifier: GPL-3.0-or-later
#include "language.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QPointer>
#include <QTranslator>

#include <utility>

using namespace Qt::Literals::StringLiterals;

namespace {

// What the last call installed: a new language replaces it instead of stacking on it.
QList<QPointer<QTranslator>> &installed()
{
    static QList<QPointer<QTranslator>> translators;
    return translators;
}

} // namespace

namespace Language {

QString install(QCoreApplication *application, const QString &language)
{
    for (const QPointer<QTranslator> &old : std::exchange(installed(), {})) {
        if (old) {
            QCoreApplication::removeTranslator(old);
            delete old;
        }
    }
    const QLocale locale = language.isEmpty() ? QLocale::system() : QLocale(language);
    QLocale::setDefault(locale);
    // SSE Scope's own strings come with it; Qt's (standard dialogs, context menus) from the Qt installation.
    auto own = new QTranslator(application);
    if (own->load(locale, u"ssescope"_s, u"_"_s, u":/i18n"_s) && QCoreApplication::installTranslator(own))
        installed().append(own);
    else
        delete own;
    auto qt = new QTranslator(application);
    if (qt->load(locale, u"qtbase"_s, u"_"_s, QLibraryInfo::path(QLibraryInfo::TranslationsPath))
        && QCoreApplication::installTranslator(qt))
        installed().append(qt);
    else
        delete qt;
    return locale.name();
}

} // namespace Language
