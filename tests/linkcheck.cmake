# cmake -DBINARY=FILE -DFORBIDDEN=REGEX -P linkcheck.cmake
# Fails when FILE needs (DT_NEEDED) a shared library whose name matches REGEX:
# the proof that a part of Taskdeck links only what its layer may use.
execute_process(COMMAND readelf -d ${BINARY} OUTPUT_VARIABLE dynamic RESULT_VARIABLE failed)
if(failed)
    message(FATAL_ERROR "readelf could not read ${BINARY}")
endif()
string(REGEX MATCHALL "\\(NEEDED\\)[^\n]*\\[[^]\n]*\\]" needed "${dynamic}")
if(NOT needed)
    message(FATAL_ERROR "${BINARY} lists no shared library: is it the right file?")
endif()
foreach(entry IN LISTS needed)
    string(REGEX REPLACE ".*\\[(.*)\\]" "\\1" library "${entry}")
    if(library MATCHES "${FORBIDDEN}")
        message(FATAL_ERROR "${BINARY} needs ${library}, which its layer must not link")
    endif()
    message(STATUS "needs ${library}")
endforeach()
