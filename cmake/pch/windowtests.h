// SPDX-License-Identifier: GPL-3.0-or-later
// Precompiled once for every test of the window.
#pragma once

#include "tests.h"
#include "widgets.h"
