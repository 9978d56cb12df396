// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

class QCoreApplication;

/** The interface language: the system's, unless the user chose one. */
namespace Language {

/** Installs the translations for language ("" follows the system) in place of those installed before;
 *  returns the locale name used. */
QString install(QCoreApplication *application, const QString &language);

} // namespace Language
