# SPDX-License-Identifier: GPL-3.0-or-later
# One INTERFACE target carries the language level, the Qt defines and the warnings; every target links it.
add_library(ssescope_options INTERFACE)
target_compile_features(ssescope_options INTERFACE cxx_std_20)
target_compile_definitions(ssescope_options INTERFACE
    QT_NO_CAST_FROM_ASCII
    QT_NO_CAST_TO_ASCII
    QT_NO_CONTEXTLESS_CONNECT
    QT_USE_QSTRINGBUILDER
    QT_NO_FOREACH)
if(MSVC)
    target_compile_options(ssescope_options INTERFACE /W4 /permissive- /utf-8)
    if(SSESCOPE_WARNINGS_AS_ERRORS)
        target_compile_options(ssescope_options INTERFACE /WX)
    endif()
else()
    target_compile_options(ssescope_options INTERFACE -Wall -Wextra -pedantic)
    if(SSESCOPE_WARNINGS_AS_ERRORS)
        target_compile_options(ssescope_options INTERFACE -Werror)
    endif()
endif()
