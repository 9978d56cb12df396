// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>

class ReplayCommand final
{
public:
    int run(const QStringList &arguments);
};
