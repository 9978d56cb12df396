// SPDX-License-Identifier: GPL-3.0-or-later
#include "exportcommand.h"

#include "cli.h"

int ExportCommand::run(const QStringList &arguments)
{
    Q_UNUSED(arguments)
    return Cli::UsageError;
}
