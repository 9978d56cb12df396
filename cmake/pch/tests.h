// SPDX-License-Identifier: GPL-3.0-or-later
// Precompiled once per folder of tests that do not open the window.
#pragma once

#include "engine.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
