import Testing
import TestSupport

@testable import Interpreter
