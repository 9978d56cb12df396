// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

/** Where file dialogs start. */
namespace UserFolders {

/** The user's documents folder when it exists, else the home folder: a fresh account may have no Documents,
 *  and a dialog that suggests a file in a missing folder makes a save that fails. */
QString documents();

} // namespace UserFolders
