// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Test} from "../utils/Test.sol";
import {WaterfallConfig} from "../../../contracts/libraries/WaterfallConfig.sol";

/// @notice Packs tranches and computes entitlements the way lib/chain/waterfall.ts does, for Solidity tests.
abstract contract WaterfallTestBase is Test {
    function _tranche(address recipient, uint256 cap) internal pure returns (uint256) {
        return (cap << 160) | uint160(recipient);
    }

    /// @dev n tranches to distinct, code-free recipients derived from `seed`, with caps in [1, maxCap].
    function _tranches(uint256 n, uint256 seed, uint256 maxCap) internal pure returns (uint256[] memory t) {
        t = new uint256[](n);
        for (uint256 i; i < n; ++i) {
            uint256 cap = bound(uint256(keccak256(abi.encode(seed, "cap", i))), 1, maxCap);
            t[i] = _tranche(address(uint160(uint256(keccak256(abi.encode(seed, "to", i))))), cap);
        }
    }

    function _recipient(uint256 word) internal pure returns (address) {
        return address(uint160(word));
    }

    function _cap(uint256 word) internal pure returns (uint256) {
        return word >> 160;
    }

    function _sumCaps(uint256[] memory t) internal pure returns (uint256 s) {
        for (uint256 i; i < t.length; ++i) s += _cap(t[i]);
    }

    /// @dev The reference entitlement, written independently of WaterfallConfig: fill in order, rest to residual.
    function _expected(uint256[] memory t, uint256 received) internal pure returns (uint256[] memory e) {
        e = new uint256[](t.length + 1);
        uint256 left = received;
        for (uint256 i; i < t.length; ++i) {
            e[i] = left < _cap(t[i]) ? left : _cap(t[i]);
            left -= e[i];
        }
        e[t.length] = left;
    }

    function _maxTranches() internal pure returns (uint256) {
        return WaterfallConfig.MAX_TRANCHES;
    }
}

/// @notice Exposes WaterfallConfig to tests (fuzzing the library alone).
contract WaterfallConfigHarness {
    function hash(address token, uint256[] calldata t, address residual, bytes32 salt) external pure returns (bytes32) {
        return WaterfallConfig.hash(token, t, residual, salt);
    }

    function entitled(uint256[] calldata t, uint256 index, uint256 received) external pure returns (uint256) {
        return WaterfallConfig.entitled(t, index, received);
    }

    function validate(uint256[] calldata t, address residual) external pure {
        WaterfallConfig.validate(t, residual);
    }
}
