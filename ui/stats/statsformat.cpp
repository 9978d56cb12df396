// SPDX-License-Identifier: GPL-3.0-or-later
#include "statsformat.h"

#include <QDateTime>
#include <QLocale>

using namespace Qt::Literals::StringLiterals;

namespace {

QString significant(double value)
{
    return QLocale().toString(value, 'g', 3);
}

} // namespace

QString StatsFormat::none()
{
    return u"—"_s;
}

QString StatsFormat::duration(qint64 ns)
{
    if (ns < 0)
        return none();
    // Each unit takes over where three significant digits of the smaller one would round to 1000.
    if (ns < 1'000)
        return tr("%1 ns").arg(ns);
    if (ns < 999'500)
        return tr("%1 µs").arg(significant(double(ns) / 1e3));
    if (ns < 999'500'000)
        return tr("%1 ms").arg(significant(double(ns) / 1e6));
    if (ns < 59'950'000'000)
        return tr("%1 s").arg(significant(double(ns) / 1e9));
    const qint64 seconds = (ns + 500'000'000) / 1'000'000'000;
    if (seconds < 3600)
        return tr("%1 min %2 s").arg(seconds / 60).arg(seconds % 60);
    const qint64 minutes = (seconds + 30) / 60;
    return tr("%1 h %2 min").arg(minutes / 60).arg(minutes % 60);
}

QString StatsFormat::count(qint64 value)
{
    return QLocale().toString(value);
}

QString StatsFormat::bytes(qint64 value)
{
    return QLocale().formattedDataSize(value);
}

QString StatsFormat::eventRate(double perSecond)
{
    return QLocale().toString(perSecond, 'f', 1);
}

QString StatsFormat::byteRate(double perSecond)
{
    return tr("%1/s").arg(QLocale().formattedDataSize(qRound64(perSecond)));
}

QString StatsFormat::timeOfDay(qint64 wallMs)
{
    return QDateTime::fromMSecsSinceEpoch(wallMs).toString(u"HH:mm:ss.zzz"_s);
}
