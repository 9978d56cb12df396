// SPDX-License-Identifier: GPL-3.0-or-later
#include "placeholders.h"

#include <QRegularExpression>

using namespace Qt::Literals::StringLiterals;

namespace {

const QString Pattern = u"\\$(?:\\{([A-Za-z_][A-Za-z0-9_]*)\\}|([A-Z_][A-Z0-9_]*))"_s;

} // namespace

QByteArray Placeholders::expand(const QByteArray &value, QStringList *missing)
{
    static const QRegularExpression pattern(Pattern);
    if (!value.contains('$'))
        return value;
    const QString text = QString::fromUtf8(value);
    QString result;
    qsizetype last = 0;
    QRegularExpressionMatchIterator it = pattern.globalMatch(text);
    while (it.hasNext()) {
        const QRegularExpressionMatch match = it.next();
        const QString name = match.captured(1).isEmpty() ? match.captured(2) : match.captured(1);
        const QByteArray variable = name.toLocal8Bit();
        result += QStringView(text).mid(last, match.capturedStart() - last);
        if (qEnvironmentVariableIsSet(variable.constData())) {
            result += qEnvironmentVariable(variable.constData());
        } else {
            result += match.captured();
            if (missing)
                missing->append(name);
        }
        last = match.capturedEnd();
    }
    result += QStringView(text).mid(last);
    return result.toUtf8();
}

bool Placeholders::isPlaceholderOnly(QByteArrayView value)
{
    static const QRegularExpression whole(u"\\A\\s*(?:[A-Za-z][A-Za-z0-9-]* +)?"_s + Pattern + u"\\s*\\z"_s);
    return value.contains('$') && whole.match(QString::fromUtf8(value)).hasMatch();
}
