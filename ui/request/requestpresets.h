// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "requeststore.h"

#include <QCoreApplication>

/** The presets that come with the application. */
class RequestPresets final
{
    Q_DECLARE_TR_FUNCTIONS(RequestPresets)

public:
    /** One preset: a stable id, the name shown, and the request (URL empty when it needs the producer). */
    struct Preset
    {
        QString id;
        QString name;
        QString description;
        StreamRequest request;
        bool needsProducer = false;
    };

    /** The built-in presets; those on the embedded producer use producerBase (http://127.0.0.1:port). */
    static QList<Preset> builtIn(const QUrl &producerBase);
};
