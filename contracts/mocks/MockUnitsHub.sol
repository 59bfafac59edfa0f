// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @notice Stand-in hub for growth-pool tests: reports `unitsOf` as set per account, or a default for everyone, so
/// a test can give many holders units without routing a payment for each.
contract MockUnitsHub {
    uint256 public defaultUnits;
    mapping(address account => uint256) internal _units;

    function setUnits(address account, uint256 units) external {
        _units[account] = units;
    }

    function setDefaultUnits(uint256 units) external {
        defaultUnits = units;
    }

    function unitsOf(address account) external view returns (uint256) {
        uint256 units = _units[account];
        return units == 0 ? defaultUnits : units;
    }
}
