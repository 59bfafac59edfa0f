// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @notice Creation code of the Split and Waterfall clones: a 50-byte PUSH0 minimal proxy that STOPs on empty
/// calldata.
/// @dev A plain ETH transfer (2,300-gas stipend) must not DELEGATECALL: a cold one costs 2,600. Runtime:
///   0x00 36          CALLDATASIZE
///   0x01 6005        PUSH1 0x05
///   0x03 57          JUMPI            calldata present: go to the proxy
///   0x04 00          STOP             plain ETH: accept, 15 gas in all
///   0x05 5b          JUMPDEST
///   0x06 365f5f37    CALLDATACOPY(0, 0, calldatasize)
///   0x0a 5f5f365f    retSize 0, retOffset 0, argsSize, argsOffset 0
///   0x0e 73<impl>    PUSH20 implementation
///   0x23 5af4        DELEGATECALL(gas, impl, 0, calldatasize, 0, 0)
///   0x25 3d5f5f3e    RETURNDATACOPY(0, 0, returndatasize)
///   0x29 5f3d91      stack: returndatasize, 0, success
///   0x2c 6030 57     JUMPI to 0x30 on success
///   0x2f fd          REVERT(0, returndatasize)
///   0x30 5b f3       JUMPDEST RETURN(0, returndatasize)
/// Creation prefix (9 bytes): 6032 80 6009 5f 39 5f f3 = CODECOPY(0, 9, 50) RETURN(0, 50).
library SplitClone {
    /// @dev Length of the creation code: 9-byte prefix + 50-byte runtime.
    uint256 internal constant INIT_CODE_LENGTH = 59;

    /// @dev The clone creation code for `implementation`.
    function initCode(address implementation) internal pure returns (bytes memory) {
        return
            abi.encodePacked(
                hex"60328060095f395ff3",
                hex"36600557005b365f5f375f5f365f73",
                implementation,
                hex"5af43d5f5f3e5f3d91603057fd5bf3"
            );
    }

    /// @dev The creation code for `implementation` as two words (the last 5 bytes of the second are zero), so
    /// a factory keeps it in two immutables and creation copies them instead of re-encoding the code.
    function initCodeWords(address implementation) internal pure returns (bytes32 w0, bytes32 w1) {
        bytes memory code = initCode(implementation);
        assembly ("memory-safe") {
            w0 := mload(add(code, 0x20))
            // Keep bytes 32..58 and zero the 5 bytes past the end of the code.
            w1 := shl(40, shr(40, mload(add(code, 0x40))))
        }
    }

    /// @dev CREATE2 of the clone whose creation code is `w0 ‖ w1` with `salt`; zero if the address has code.
    /// The creation code cannot fail otherwise (no value, no user code).
    function deploy(bytes32 w0, bytes32 w1, bytes32 salt) internal returns (address instance) {
        assembly ("memory-safe") {
            let m := mload(0x40)
            mstore(m, w0)
            mstore(add(m, 0x20), w1)
            instance := create2(0, m, INIT_CODE_LENGTH, salt)
        }
    }
}
