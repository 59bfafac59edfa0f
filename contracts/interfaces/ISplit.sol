// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @notice A fixed-share splitter of ETH and ERC-20: anyone releases a payee's owed amount to that payee.
/// @dev The config is not stored: each call proves a payee (leaf + Merkle proof) or the whole list, and the
/// Split checks that the resulting root, as CREATE2 salt, yields its own address. `token == address(0)` is ETH.
interface ISplit {
    /*//////////////////////////////////////////////////////////////
                                 ERRORS
    //////////////////////////////////////////////////////////////*/

    /// @dev The payee proof or payee list does not match this Split: it would belong to `computed`.
    error SplitConfigMismatch(address computed);

    /*//////////////////////////////////////////////////////////////
                                 EVENTS
    //////////////////////////////////////////////////////////////*/

    /// @notice `amount` of `token` was paid to `payee`.
    event Released(address indexed token, address indexed payee, uint256 amount);

    /// @notice In `releaseAll`, paying `amount` of `token` to `payee` failed; it stays owed to `payee`.
    event ReleaseFailed(address indexed token, address indexed payee, uint256 amount);

    /*//////////////////////////////////////////////////////////////
                               FUNCTIONS
    //////////////////////////////////////////////////////////////*/

    /// @notice Pays `payee` what it is owed in `token`; returns 0 (and pays nothing) when nothing is owed.
    function release(
        address token,
        address payee,
        uint96 share,
        uint256 totalShares,
        bytes32 salt,
        bytes32[] calldata proof
    ) external returns (uint256 amount);

    /// @notice `release` for several tokens with one proof.
    function releaseTokens(
        address[] calldata tokens,
        address payee,
        uint96 share,
        uint256 totalShares,
        bytes32 salt,
        bytes32[] calldata proof
    ) external returns (uint256[] memory amounts);

    /// @notice Pays every payee in the full packed list what it is owed in `token`; failed payees are skipped.
    function releaseAll(address token, uint256[] calldata payees, bytes32 salt) external returns (uint256 paid);

    /// @notice What `payee` with `share` of `totalShares` is owed in `token` now. Does not verify the share.
    function owed(address token, address payee, uint256 share, uint256 totalShares) external view returns (uint256);

    /// @notice Amount of `token` paid to `payee` so far.
    function released(address token, address payee) external view returns (uint256);

    /// @notice Amount of `token` paid to all payees so far.
    function totalReleased(address token) external view returns (uint256);

    /// @notice The factory whose CREATE2 addresses this implementation accepts as itself.
    function FACTORY() external view returns (address);

    /// @notice keccak256 of the clone creation code pointing at this implementation.
    function CLONE_INIT_CODE_HASH() external view returns (bytes32);
}
