// SPDX-License-Identifier: GPL-3.0-or-later
// Precompiled for the engine, the commands and the producer: the headers most of their files include.
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QCoreApplication>
#include <QDateTime>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <algorithm>
#include <functional>
#include <limits>
#include <memory>
#include <optional>
